import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	customersByCity,
	customersReport,
	lifetimeValue,
	movers,
	newVsReturning,
	repeatRate,
	rfm
} from '../../../src/lib/analytics/customers';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { createCustomerFixture } from '../analytics/customer-fixture';
import { buildSalesAggregates } from '../analytics/sales-aggregates';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';

/**
 * Finding: the Customers page read every sales line for each change of filters (the customers' histories
 * behind CLV and RFM, customers by city, movers): 1M lines at the bench's scale, its slowest page. They now
 * read the orders' parts (gold_fact_orders), as the order counts do. The orders that make this hard, added
 * to the customer fixture (customer-fixture.ts; cost is half the net amount unless said):
 * - O13, C1 on 1 June, the day she moved: a line (40, Apparel) on her Mumbai version, one (60) on her Delhi
 *   one: one order in two parts;
 * - O14, C2 on 10 April: a flagged spike line (300) and an ordinary one (100, Apparel);
 * - O15, C5 on 28 June: a sale line (70) and a return line (−20, cost −10);
 * - O16, C4 on 29 June: a costed line (90, cost 45) and an uncosted one (10): the margin is the costed
 *   line's, 45, so a part's margin cannot be its revenue less its cost.
 */
describe('customers read every line', () => {
	let sql: DuckDBWasmEngine;

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCustomerFixture(sql);
		await sql.exec(`
			INSERT INTO gold_fact_sales VALUES
				('O13', 1, 20240601, 2, 1, 1, 'C1', 'pos', 'Mumbai', 1, 40, 20, false, false, 13),
				('O13', 2, 20240601, 1, 1, 2, 'C1', 'pos', 'Mumbai', 1, 60, 30, false, false, 13),
				('O14', 1, 20240410, 1, 1, 3, 'C2', 'pos', 'Pune', 6, 300, 150, true, false, 14),
				('O14', 2, 20240410, 2, 1, 3, 'C2', 'pos', 'Pune', 1, 100, 50, false, false, 14),
				('O15', 1, 20240628, 1, 1, 6, 'C5', 'web', 'Delhi', 1, 70, 35, false, false, 15),
				('O15', 2, 20240628, 1, 1, 6, 'C5', 'web', 'Delhi', -1, -20, -10, false, true, 15),
				('O16', 1, 20240629, 1, 1, 5, 'C4', 'pos', 'Delhi', 1, 90, 45, false, false, 16),
				('O16', 2, 20240629, 2, 1, 5, 'C4', 'pos', 'Delhi', 1, 10, NULL, false, false, 16);
		`);
		await buildSalesAggregates(sql);
	});
	afterAll(() => sql?.close());

	it('counts, sums and dates each customer as their lines do, worked out by hand', async () => {
		const value = async (filters: KpiFilters) =>
			(await lifetimeValue(sql, filters)).customers
				.map(({ customerId, orders, revenue, margin }) => [customerId, orders, revenue, margin])
				.sort();
		// C1: O1 100, O2 50, O3 150, O13 40 + 60; C2: O4 400 (a spike), O14 300 (a spike) + 100; C3: O5 20,
		// O6 30; C4: O7 5 + 5, O16 90 + 10 (margin 2.5 + 2.5 + 45); C5: O8 60, O9 60, O10 80, O11 50, O15 70 − 20.
		expect(await value({})).toEqual([
			['C1', 4, 400, 200],
			['C2', 2, 800, 400],
			['C3', 2, 50, 25],
			['C4', 2, 110, 50],
			['C5', 5, 300, 150]
		]);
		// Spikes left out: C2 keeps O14's ordinary line only.
		expect((await value({ spikes: 'exclude' })).find(([id]) => id === 'C2')).toEqual(['C2', 1, 100, 50]);
		// Apparel: C1's O13 line on her Mumbai version, C2's O4 and O14's ordinary line, C4's O7 and O16 lines.
		expect(await value({ category: 'Apparel' })).toEqual([
			['C1', 1, 40, 20],
			['C2', 2, 500, 250],
			['C4', 2, 15, 2.5]
		]);
		// Recency as of 30 June: C5's last day is O15's 28 June, C4's O16's 29 June.
		const recency = (await rfm(sql, {})).map(({ customerId, recencyDays }) => [customerId, recencyDays]);
		expect(recency.sort()).toEqual([
			['C1', 0],
			['C2', 81],
			['C3', 162],
			['C4', 1],
			['C5', 2]
		]);
		// C1 before her move: O1, O2 and O13's Mumbai line; after it: O3 and O13's Delhi line.
		const [c1] = (await movers(sql, {})).rows;
		expect([c1.customerId, c1.revenueBefore, c1.revenueAfter]).toEqual(['C1', 190, 210]);
	});

	it('gives what the lines give, under every filter, inline and through derived tables', async () => {
		const lines = (
			await sql.query(
				`SELECT f.*, p.category FROM gold_fact_sales f JOIN gold_dim_product p USING (product_sk)`
			)
		).rows as unknown as Line[];
		const versions = (
			await sql.query(`SELECT customer_sk, customer_id, city, is_current FROM gold_dim_customer`)
		).rows as unknown as Version[];
		const cases: KpiFilters[] = [
			{},
			{ spikes: 'exclude' },
			{ channel: 'pos' },
			{ category: 'Apparel' },
			{ category: 'Electronics', spikes: 'exclude' },
			{ city: 'Delhi', from: '2024-03-01', to: '2024-06-28' }
		];
		const keeping = keepingDerivedTables(sql);
		for (const filters of cases) {
			for (const engine of [sql, keeping] as SqlEngine[]) {
				const label = `${JSON.stringify(filters)} ${engine === sql ? 'inline' : 'derived'}`;
				const expected = byLines(lines, versions, filters);
				const value = (await lifetimeValue(engine, filters)).customers.map(
					({ customerId, orders, revenue, margin }) => [customerId, orders, revenue, margin]
				);
				expect(value.sort(), label).toEqual(
					expected.history.map(({ id, orders, revenue, margin }) => [id, orders, revenue, margin])
				);
				const frequency = (await rfm(engine, filters)).map(({ customerId, frequency, monetary }) => [
					customerId,
					frequency,
					monetary
				]);
				expect(frequency.sort(), label).toEqual(
					expected.history.map(({ id, orders, revenue }) => [id, orders, revenue])
				);
				const cities = (await customersByCity(engine, filters)).map(({ city, customers, revenue }) => [
					city,
					customers,
					revenue
				]);
				expect(cities.sort(), label).toEqual(expected.cities);
				const moved = (await movers(engine, filters)).rows.map(
					({ customerId, revenueBefore, revenueAfter }) => [customerId, revenueBefore, revenueAfter]
				);
				expect(moved, label).toEqual(expected.movers);
				const months = (await newVsReturning(engine, filters)).map(
					({ month, newCustomers, returningCustomers }) => [month, newCustomers, returningCustomers]
				);
				expect(months, label).toEqual(expected.months);
				const { customers, repeatCustomers } = await repeatRate(engine, filters);
				expect([customers, repeatCustomers], label).toEqual(expected.repeat);
			}
		}
	});

	it('answers without the lines, a category filter included (gold_fact_order_categories)', async () => {
		const cases: KpiFilters[] = [
			{},
			{ city: 'Delhi' },
			{ channel: 'web', spikes: 'exclude' },
			{ category: 'Apparel' },
			{ category: 'Electronics', city: 'Mumbai', spikes: 'exclude' }
		];
		const before = await Promise.all(cases.map((filters) => customersReport(sql, filters)));
		await sql.exec('ALTER TABLE gold_fact_sales RENAME TO gold_fact_sales_away');
		try {
			for (const [i, filters] of cases.entries()) {
				expect(await customersReport(sql, filters), JSON.stringify(filters)).toEqual(before[i]);
			}
		} finally {
			await sql.exec('ALTER TABLE gold_fact_sales_away RENAME TO gold_fact_sales');
		}
	});
});

interface Line {
	order_id: string;
	date_key: number;
	customer_sk: number;
	customer_id: string;
	channel: string;
	city: string;
	category: string;
	net_amount: number;
	cost_amount: number | null;
	is_spike: boolean;
	is_return: boolean;
}

interface Version {
	customer_sk: number;
	customer_id: string;
	city: string | null;
	is_current: boolean;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** The customers' figures worked out line by line in JavaScript (docs/kpis.md, Customers). */
function byLines(lines: Line[], versions: Version[], filters: KpiFilters) {
	const historyMatches = (line: Line) =>
		(filters.channel === undefined || line.channel === filters.channel) &&
		(filters.category === undefined || line.category === filters.category) &&
		(filters.spikes === undefined || !line.is_spike);
	const dated = (line: Line) => {
		const day = (text: string | undefined) =>
			text === undefined ? undefined : Number(text.replaceAll('-', ''));
		const [from, to] = [day(filters.from), day(filters.to)];
		return (from === undefined || line.date_key >= from) && (to === undefined || line.date_key <= to);
	};
	const customers = (matching: Line[]) => {
		const byId = new Map<string, Line[]>();
		for (const line of matching.filter((l) => l.customer_id !== 'UNKNOWN')) {
			byId.set(line.customer_id, [...(byId.get(line.customer_id) ?? []), line]);
		}
		return [...byId].sort(([a], [b]) => a.localeCompare(b));
	};
	const history = customers(lines.filter(historyMatches)).map(([id, own]) => {
		const costed = own.filter((l) => l.cost_amount !== null);
		return {
			id,
			orders: new Set(own.filter((l) => !l.is_return).map((l) => l.order_id)).size,
			revenue: cents(own.reduce((sum, l) => sum + Number(l.net_amount), 0)),
			margin:
				costed.length === 0
					? null
					: cents(costed.reduce((sum, l) => sum + Number(l.net_amount) - Number(l.cost_amount), 0))
		};
	});
	const currentCity = new Map(versions.filter((v) => v.is_current).map((v) => [v.customer_id, v.city]));
	const cityTotals = new Map<string, [number, number]>();
	for (const [id, own] of customers(lines.filter((l) => historyMatches(l) && dated(l)))) {
		const city = currentCity.get(id);
		if (!city || (filters.city !== undefined && city !== filters.city)) continue;
		const [count, revenue] = cityTotals.get(city) ?? [0, 0];
		cityTotals.set(city, [count + 1, revenue + own.reduce((sum, l) => sum + Number(l.net_amount), 0)]);
	}
	const moverIds = [...new Set(versions.map((v) => v.customer_id))]
		.filter((id) => id !== 'UNKNOWN' && versions.filter((v) => v.customer_id === id).length >= 2)
		.sort();
	const revenueOf = (sks: number[]) =>
		cents(
			lines
				.filter((l) => historyMatches(l) && sks.includes(l.customer_sk))
				.reduce((sum, l) => sum + Number(l.net_amount), 0)
		);
	const orders = customers(
		lines.filter(
			(l) => historyMatches(l) && dated(l) && (filters.city === undefined || l.city === filters.city)
		)
	);
	const firstMonth = new Map<string, number>();
	for (const line of lines) {
		const month = Math.floor(line.date_key / 100);
		firstMonth.set(line.customer_id, Math.min(month, firstMonth.get(line.customer_id) ?? month));
	}
	const activeMonths = new Map<number, string[]>();
	for (const [id, own] of orders) {
		for (const month of new Set(own.map((l) => Math.floor(l.date_key / 100)))) {
			activeMonths.set(month, [...(activeMonths.get(month) ?? []), id]);
		}
	}
	return {
		months: [...activeMonths]
			.sort(([a], [b]) => a - b)
			.map(([month, ids]) => [
				`${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}`,
				ids.filter((id) => firstMonth.get(id) === month).length,
				ids.filter((id) => firstMonth.get(id)! < month).length
			]),
		history,
		cities: [...cityTotals].map(([city, [count, revenue]]) => [city, count, cents(revenue)]).sort(),
		movers: moverIds.map((id) => {
			const own = versions.filter((v) => v.customer_id === id);
			return [
				id,
				revenueOf(own.filter((v) => !v.is_current).map((v) => v.customer_sk)),
				revenueOf(own.filter((v) => v.is_current).map((v) => v.customer_sk))
			];
		}),
		repeat: [
			orders.length,
			orders.filter(([, own]) => new Set(own.filter((l) => !l.is_return).map((l) => l.order_id)).size >= 2)
				.length
		]
	};
}
