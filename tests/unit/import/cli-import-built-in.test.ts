import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { DashboardReports } from '../../../src/lib/analytics/reports';
import { setCurrency } from '../../../src/lib/format/number';
import { publishedFile } from '../helpers/published-file';
import { openNativeConnection } from '../helpers/native-duckdb';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const UCI = join(FIXTURES, 'uci/online_retail_II.csv');
const SHOPIFY = join(FIXTURES, 'shopify/orders_export.csv');

async function cli(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * The built-in mappings, each on its hand-written fixture: `cli import` (no options: the header picks the
 * mapping) → `cli pipeline` → Gold read natively and `cli report`, against totals worked out by hand.
 */
describe.each([
	{
		name: 'UCI Online Retail II',
		file: UCI,
		dataset: 'pos_sales',
		origin: 'uci-online-retail-ii',
		currency: 'GBP',
		// Sale lines kept (Quantity × Price): 83.40 + 81.00 + 30.60 + 59.50 + 12.60 + 25.20 + 27.44 + 70.80 +
		// 5.00 = 395.54. Returns (invoices C489449 and C489451, negative quantities, kept): 35.40 + 9.90 +
		// 6.95 = 52.25. Revenue = 395.54 − 52.25 = 343.29. Quarantined (check 6): 489452 (quantity 0) and
		// C489453 (a return with a positive quantity). Orders: the 7 sale invoices 489434, 489435, 489436,
		// 489437, 489438, 489450, 489454 (a return is not an order). AOV = 343.29 / 7 = 49.04. Customers:
		// 13085, 13078, 15362, 16321 (489438 has none). Units: 120 sold − 19 returned = 101.
		// By country: United Kingdom 83.40 + 81.00 + 30.60 + 59.50 + 27.44 − 6.95 + 5.00 = 279.99,
		// France 12.60 + 25.20 = 37.80, Australia 70.80 − 35.40 − 9.90 = 25.50.
		gold: { lines: '12', revenue: '343.29', returns: '3', returned: '-52.25', units: '101' },
		quarantined: 2,
		cards: { revenue: 343.29, orders: 7, customers: 4, aov: 49.04, units: 101, returns: 52.25 },
		cities: { 'United Kingdom': '279.99', France: '37.80', Australia: '25.50' },
		money: '£343.29'
	},
	{
		name: 'Shopify orders export',
		file: SHOPIFY,
		dataset: 'web_orders',
		origin: 'shopify-orders',
		currency: 'USD',
		// Lines (Lineitem quantity × Lineitem price): #1001 90.00 + 25.00; #1002 37.50; #1003 45.00 + 50.00 +
		// 16.50; #1004 25.00 → 289.00 over 4 orders (#1005's only line, quantity 0, is quarantined).
		// AOV = 289.00 / 4 = 72.25. Customers (Email, filled down from an order's first line): ana, ben, cara.
		// Units 2 + 1 + 3 + 1 + 4 + 2 + 1 = 14. By Billing City (filled down the same way): Boston 90 + 25 +
		// 45 + 50 + 16.50 = 226.50, Chicago 37.50, Austin 25.00.
		gold: { lines: '7', revenue: '289.00', returns: '0', returned: null, units: '14' },
		quarantined: 1,
		cards: { revenue: 289, orders: 4, customers: 3, aov: 72.25, units: 14, returns: 0 },
		cities: { Boston: '226.50', Chicago: '37.50', Austin: '25.00' },
		money: '$289.00'
	}
])('CLI import of a $name', (fixture) => {
	let dir: string;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-import-built-in-'));
		native = await openNativeConnection();
	});
	afterAll(async () => {
		setCurrency('INR');
		native?.closeSync();
		await rm(dir, { recursive: true, force: true });
	});

	const read = async (query: string) => (await native.runAndReadAll(query)).getRowObjectsJson();

	it('picks the built-in mapping from the header and sets the lake’s currency', async () => {
		const dry = await cli('import', '--lake', dir, '--dry-run', '--json', fixture.file);
		const [preview] = JSON.parse(dry.out) as {
			preview: { origin: { kind: string; id: string }; mapping: { dataset: string; currency: string } };
		}[];
		expect(preview.preview.origin).toMatchObject({ kind: 'built-in', id: fixture.origin });
		expect(preview.preview.mapping).toMatchObject({ dataset: fixture.dataset, currency: fixture.currency });

		const { code, out } = await cli('import', '--lake', dir, '--json', fixture.file);
		expect(code, out).toBe(0);
		const [result] = JSON.parse(out) as { dataset: string; status: string; rows_read: number }[];
		expect(result).toMatchObject({ dataset: fixture.dataset, status: 'imported' });
		const settings = JSON.parse(await readFile(join(dir, 'lake-settings.json'), 'utf8'));
		expect(settings).toEqual({ currency: fixture.currency });
	});

	it('runs the pipeline to the hand-computed Gold totals', async () => {
		const { code, err } = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(code, err).toBe(0);
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const [gold] = await read(`SELECT count(*) AS lines, CAST(sum(net_amount) AS VARCHAR) AS revenue,
			count(*) FILTER (WHERE is_return) AS returns,
			CAST(sum(net_amount) FILTER (WHERE is_return) AS VARCHAR) AS returned,
			sum(quantity) AS units FROM read_parquet('${sales}')`);
		expect(gold).toEqual(fixture.gold);
		const cities = await read(`SELECT city, CAST(sum(net_amount) AS VARCHAR) AS revenue
			FROM read_parquet('${sales}') GROUP BY city`);
		expect(Object.fromEntries(cities.map((row) => [row.city, row.revenue]))).toEqual(fixture.cities);
		const quarantine = await publishedFile(dir, 'silver/_quarantine');
		const [held] = await read(`SELECT count(*) AS n FROM read_parquet('${quarantine}') WHERE check_id = 6`);
		expect(held.n).toBe(String(fixture.quarantined));
	}, 120_000);

	it('shows the same figures on the Overview, in the data’s currency', async () => {
		const json = await cli('report', '--lake', dir, '--page', 'overview', '--json');
		expect(json.code).toBe(0);
		const { pages } = JSON.parse(json.out) as { pages: Partial<DashboardReports> };
		expect(pages.overview!.cards.current).toMatchObject(fixture.cards);
		const text = await cli('report', '--lake', dir, '--page', 'overview');
		expect(text.code).toBe(0);
		expect(text.out).toContain(fixture.money);
		expect(text.out).not.toContain('₹');
	}, 60_000);
});
