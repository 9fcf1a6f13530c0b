import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseBasket } from '../../../src/lib/basket/basket-analysis';
import {
	basketItems,
	basketTransactions,
	supportingTransactions
} from '../../../src/lib/basket/basket-transactions';
import { fpGrowth } from '../../../src/lib/basket/fp-growth';
import { itemsetAt } from '../../../src/lib/basket/itemsets';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openPipelinedLake } from '../analytics/pipelined-lake';

interface PlantedTruth {
	antecedent: { productId: string; name: string };
	consequent: { productId: string; name: string };
}

/**
 * Mining on a generated lake (the original's volume, 70k lines) against a second path to the same counts:
 * DuckDB joining the sales lines to themselves on the order, and the generator's planted truth.
 */
describe('market basket on a generated lake', () => {
	let sql: DuckDBWasmEngine;
	let planted: PlantedTruth[];

	beforeAll(async () => {
		const store = new MemoryLakeStore();
		sql = await openPipelinedLake({ seed: 42, salesLines: 70_000 }, store);
		planted = JSON.parse(new TextDecoder().decode(await store.read('raw/_truth.json'))).associations;
	}, 240_000);
	afterAll(async () => sql?.close());

	/** Product-id sets (sorted, joined) → count of orders holding them all, by self-joins in SQL. */
	async function sqlCounts(size: 2 | 3, minCount: number): Promise<Map<string, number>> {
		const lines = `(SELECT DISTINCT f.channel, f.order_id, p.product_id FROM gold_fact_sales f
			JOIN gold_dim_product p USING (product_sk))`;
		const query =
			size === 2
				? `SELECT a.product_id || ',' || b.product_id AS k, count(*)::INTEGER AS n FROM ${lines} a
					JOIN ${lines} b ON b.channel = a.channel AND b.order_id = a.order_id AND b.product_id > a.product_id
					GROUP BY ALL HAVING count(*) >= ${minCount}`
				: `SELECT a.product_id || ',' || b.product_id || ',' || c.product_id AS k, count(*)::INTEGER AS n FROM ${lines} a
					JOIN ${lines} b ON b.channel = a.channel AND b.order_id = a.order_id AND b.product_id > a.product_id
					JOIN ${lines} c ON c.channel = a.channel AND c.order_id = a.order_id AND c.product_id > b.product_id
					GROUP BY ALL HAVING count(*) >= ${minCount}`;
		const { rows } = await sql.query(query);
		return new Map(rows.map((row) => [String(row.k), Number(row.n)]));
	}

	it('finds the 2- and 3-itemsets, with the counts DuckDB gets by joining orders to themselves', async () => {
		const items = await basketItems(sql, 'product');
		const transactions = await basketTransactions(sql, 'product', {}, items.length);
		const { rows } = await sql.query(
			'SELECT count(DISTINCT (channel, order_id))::INTEGER AS n FROM gold_fact_sales'
		);
		expect(transactions.offsets.length - 1).toBe(Number(rows[0].n));
		const minCount = 20;
		const itemsets = fpGrowth(transactions, { minCount, maxLen: 3 });
		const bySize = new Map<number, Map<string, number>>([
			[2, new Map()],
			[3, new Map()]
		]);
		for (let k = 0; k < itemsets.counts.length; k++) {
			const ids = Array.from(itemsetAt(itemsets, k), (id) => items[id].productId!).sort();
			bySize.get(ids.length)?.set(ids.join(','), itemsets.counts[k]);
		}
		const pairs = await sqlCounts(2, minCount);
		const triples = await sqlCounts(3, minCount);
		expect(pairs.size).toBeGreaterThan(100);
		expect(triples.size).toBeGreaterThan(5);
		expect(bySize.get(2)).toEqual(pairs);
		expect(bySize.get(3)).toEqual(triples);
	});

	it('recovers every planted association at the default settings, with lift above 1.5', async () => {
		const result = await analyseBasket(sql, {
			level: 'product',
			filters: { spikes: 'exclude' },
			params: {},
			runId: 'test'
		});
		expect(result.rules.length).toBeGreaterThanOrEqual(50);
		expect(result.rules.length).toBeLessThanOrEqual(500);
		const found = (truth: PlantedTruth) =>
			result.rules.find(
				(rule) =>
					rule.antecedents.length === 1 &&
					rule.consequents.length === 1 &&
					result.items[rule.antecedents[0]].productId === truth.antecedent.productId &&
					result.items[rule.consequents[0]].productId === truth.consequent.productId
			);
		expect(planted).toHaveLength(8);
		for (const truth of planted) {
			const rule = found(truth);
			expect(rule, `${truth.antecedent.name} → ${truth.consequent.name}`).toBeDefined();
			expect(rule!.lift).toBeGreaterThan(1.5);
		}
		// The orders behind the strongest rule are as many as its count, found by another query.
		const top = result.rules[0];
		const behind = await supportingTransactions(
			sql,
			'product',
			result.filters,
			[...top.antecedents, ...top.consequents],
			5
		);
		expect(behind.total).toBe(top.count);
		expect(behind.rows).toHaveLength(5);
	});

	it('mines categories over orders, and store → online rules over customers', async () => {
		const categories = await analyseBasket(sql, {
			level: 'category',
			filters: {},
			params: {},
			runId: 'test'
		});
		const { rows } = await sql.query(`SELECT count(DISTINCT (channel, order_id))::INTEGER AS orders,
			count(DISTINCT customer_id) FILTER (WHERE customer_id <> 'UNKNOWN')::INTEGER AS customers,
			count(DISTINCT category)::INTEGER AS categories
			FROM gold_fact_sales JOIN gold_dim_product USING (product_sk)`);
		expect(categories.transactions).toBe(Number(rows[0].orders));
		expect(categories.itemsetsBySize[0]).toBe(Number(rows[0].categories));
		expect(categories.rules.length).toBeGreaterThan(0);

		const cross = await analyseBasket(sql, {
			level: 'cross-channel',
			filters: {},
			params: {},
			runId: 'test'
		});
		expect(cross.transactions).toBe(Number(rows[0].customers));
		expect(cross.rules.length).toBeGreaterThan(0);
		for (const rule of cross.rules) {
			expect(rule.antecedents.every((id) => cross.items[id].side === 'store')).toBe(true);
			expect(rule.consequents.every((id) => cross.items[id].side === 'online')).toBe(true);
		}
	});
});
