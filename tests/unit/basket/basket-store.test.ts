import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BasketResult } from '../../../src/lib/basket/basket-result';
import { basketRulesPath, savedBasketResult, saveBasketResult } from '../../../src/lib/basket/basket-store';
import { mineRules } from '../../../src/lib/basket/mine-basket';
import { rulesCsv } from '../../../src/lib/basket/rules-csv';
import { transactionsFromArrays } from '../../../src/lib/basket/transactions';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { openNativeConnection } from '../helpers/native-duckdb';

const codec = await createParquetWasmCodec(
	await readFile(createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'))
);

/** Four baskets; item 2 ("Olive Oil, 500ml") only ever comes with item 0, so 2 → 0 has confidence 1. */
function result(runId: string, minedAt: string): BasketResult {
	const mined = mineRules(transactionsFromArrays([[0, 1], [0, 2], [0, 2], [1]]), {
		minSupport: 1,
		minConfidence: 0,
		minLift: 0
	});
	const item = (id: number, label: string) => ({
		id,
		label,
		productId: `P${id}`,
		category: 'Grocery',
		side: null
	});
	return {
		...mined,
		level: 'product',
		filters: { city: 'Pune' },
		runId,
		items: [item(0, 'Pasta'), item(1, '=HYPERLINK("x")'), item(2, 'Olive Oil, 500ml')],
		minedAt,
		elapsedMs: { transactions: 1, mining: 2 }
	};
}

describe('saved basket results', () => {
	it('round-trip through the lake: the same rules, metrics and summary, ∞ included', async () => {
		const store = new MemoryLakeStore();
		const saved = result('run-1', '2026-01-01T00:00:00.000Z');
		expect(saved.rules.some((rule) => rule.conviction === Infinity)).toBe(true);
		expect(await saveBasketResult(store, codec, saved)).toBe('analytics/basket/run-1/product.parquet');
		expect(await savedBasketResult(store, codec, 'product')).toEqual(saved);
		expect(await savedBasketResult(store, codec, 'category')).toBeNull();
	});

	it('keeps a level’s newest result only, from whichever run', async () => {
		const store = new MemoryLakeStore();
		await saveBasketResult(store, codec, result('run-1', '2026-01-01T00:00:00.000Z'));
		await saveBasketResult(store, codec, result('run-2', '2026-01-02T00:00:00.000Z'));
		expect((await savedBasketResult(store, codec, 'product'))?.runId).toBe('run-2');
		expect((await store.list('analytics/basket')).map((entry) => entry.path)).toEqual([
			'analytics/basket/run-2/product.json',
			'analytics/basket/run-2/product.parquet'
		]);
	});

	it('writes Parquet that native DuckDB reads with mlxtend’s columns and a double infinity', async () => {
		const store = new MemoryLakeStore();
		const saved = result('run-1', '2026-01-01T00:00:00.000Z');
		await saveBasketResult(store, codec, saved);
		const dir = await mkdtemp(join(tmpdir(), 'basket-store-'));
		try {
			const file = join(dir, 'rules.parquet');
			await writeFile(file, await store.read(basketRulesPath('run-1', 'product')));
			const connection = await openNativeConnection();
			const reader = await connection.runAndReadAll(
				`SELECT antecedents, consequents, "antecedent support", conviction, zhangs_metric, antecedent_ids, count
				 FROM read_parquet('${file}') WHERE conviction = 'infinity'::DOUBLE ORDER BY antecedent_ids`
			);
			// 2 → 0: Olive Oil is in 2 of 4 baskets, both with Pasta (in 3): confidence 1, so conviction ∞;
			// Zhang: leverage 0.5 − 0.5 × 0.75 = 0.125 over max(0.5 × 0.5, 0.5 × 0.25) = 0.25 → 0.5.
			expect(reader.getRowObjectsJson()).toEqual([
				{
					antecedents: ['Olive Oil, 500ml'],
					consequents: ['Pasta'],
					'antecedent support': 0.5,
					conviction: 'Infinity',
					zhangs_metric: 0.5,
					antecedent_ids: [2],
					count: 2
				}
			]);
			const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`))
				.getRowObjectsJson()
				.map((row) => row.column_name);
			expect(columns.slice(0, 7)).toEqual([
				'antecedents',
				'consequents',
				'antecedent support',
				'consequent support',
				'support',
				'confidence',
				'lift'
			]);
			connection.closeSync();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('exports CSV with mlxtend’s columns, quoted where needed and "inf" for an infinite conviction', () => {
		const saved = result('run-1', '2026-01-01T00:00:00.000Z');
		const lines = rulesCsv(saved.rules, saved.items).split('\r\n');
		expect(lines[0].split(',').slice(0, 6)).toEqual([
			'antecedents',
			'consequents',
			'antecedent support',
			'consequent support',
			'support',
			'confidence'
		]);
		const oliveOil = lines.find((line) => line.startsWith('"Olive Oil, 500ml",Pasta,'));
		expect(oliveOil?.split(',')[10]).toBe('inf'); // after the quoted name's own comma: column 10 is conviction
		expect(lines.at(-1)).toBe('');
	});
});
