import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { DashboardReports } from '../../src/lib/analytics/reports';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { publishedFile } from './helpers/published-file';
import { openNativeConnection } from './helpers/native-duckdb';

interface ReportJson {
	filters: Record<string, string>;
	pages: Partial<DashboardReports>;
}

/**
 * `cli report` against a second path to the same answers: native DuckDB reading the published Gold Parquet
 * files directly with `read_parquet` and hand-written SQL (the report loads them through the codec and runs
 * the pages' queries).
 */
describe('CLI report (the dashboards’ KPIs over a lake folder)', () => {
	let dir: string;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-report-'));
		await generateRaw(
			{ salesLines: 1_500, seed: 11, from: '2024-01-01', to: '2024-06-30' },
			new NodeLakeStore(dir)
		);
		const { code, err } = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(code, err).toBe(0);
		native = await openNativeConnection();
	}, 120_000);
	afterAll(async () => {
		native?.closeSync();
		await rm(dir, { recursive: true, force: true });
	});

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	async function nativeTotals(where: string) {
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const reader = await native.runAndReadAll(`
			SELECT sum(net_amount)::DOUBLE AS revenue, count(DISTINCT order_id)::INTEGER AS orders,
				count(DISTINCT customer_id) FILTER (WHERE customer_id <> 'UNKNOWN')::INTEGER AS customers,
				sum(quantity)::INTEGER AS units
			FROM read_parquet('${sales}') WHERE ${where}`);
		return reader.getRowObjects()[0] as { revenue: number; orders: number; customers: number; units: number };
	}

	it('prints every page as JSON, and the overview equals a direct count over the Gold Parquet', async () => {
		const { code, out, err } = await cli('report', '--lake', dir, '--json');
		expect(code, err).toBe(0);
		const report = JSON.parse(out) as ReportJson;
		expect(Object.keys(report.pages)).toEqual(['overview', 'sales', 'inventory', 'logistics', 'customers']);
		// Flagged quantity spikes are data defects: left out unless asked for.
		const expected = await nativeTotals('NOT is_spike');
		const cards = report.pages.overview!.cards.current;
		expect(cards.revenue).toBeCloseTo(expected.revenue, 2);
		expect(cards).toMatchObject({
			orders: expected.orders,
			customers: expected.customers,
			units: expected.units
		});
		expect(cards.aov).toBeCloseTo(expected.revenue / expected.orders, 2);
	});

	it('applies the filters as the pages do', async () => {
		const { code, out, err } = await cli(
			'report',
			'--lake',
			dir,
			'--page',
			'overview',
			'--from',
			'2024-03-01',
			'--to',
			'2024-04-30',
			'--channel',
			'web',
			'--json'
		);
		expect(code, err).toBe(0);
		const report = JSON.parse(out) as ReportJson;
		expect(report.filters).toEqual({
			from: '2024-03-01',
			to: '2024-04-30',
			channel: 'web',
			spikes: 'exclude'
		});
		const expected = await nativeTotals(
			"date_key BETWEEN 20240301 AND 20240430 AND channel = 'web' AND NOT is_spike"
		);
		expect(expected.orders).toBeGreaterThan(0);
		const { current, previous } = report.pages.overview!.cards;
		expect(current.revenue).toBeCloseTo(expected.revenue, 2);
		expect(current.orders).toBe(expected.orders);
		// The previous equal period: the 61 days before March 1st.
		const before = await nativeTotals(
			"date_key BETWEEN 20231231 AND 20240229 AND channel = 'web' AND NOT is_spike"
		);
		expect(previous?.orders).toBe(before.orders);
	});

	it('keeps the flagged quantity spikes on request', async () => {
		const { code, out, err } = await cli(
			'report',
			'--lake',
			dir,
			'--page',
			'overview',
			'--include-spikes',
			'--json'
		);
		expect(code, err).toBe(0);
		const { filters, pages } = JSON.parse(out) as ReportJson;
		expect(filters).toEqual({});
		const expected = await nativeTotals('TRUE');
		// The lake has spikes, so keeping them changes the figures.
		expect(expected.units).toBeGreaterThan((await nativeTotals('NOT is_spike')).units);
		expect(pages.overview!.cards.current.units).toBe(expected.units);
		expect(pages.overview!.cards.current.revenue).toBeCloseTo(expected.revenue, 2);
	});

	it('prints the overview as text by default', async () => {
		const { code, out } = await cli('report', '--lake', dir, '--page', 'overview');
		expect(code).toBe(0);
		expect(out).toMatch(/^ {2}Revenue\s+₹/m);
		expect(out).toMatch(/^ {2}Orders\s+[\d,]+$/m);
	});

	it('refuses bad filters with the usage, exit code 2', async () => {
		const bad = await cli('report', '--lake', dir, '--channel', 'phone');
		expect(bad.code).toBe(2);
		expect(bad.err).toContain('channel must be pos or web, got "phone"');
		const page = await cli('report', '--lake', dir, '--page', 'basket');
		expect(page.code).toBe(2);
		expect(page.err).toContain('--page must be one of overview, sales, inventory, logistics, customers');
	});

	it('says how to get Gold when the lake has none', async () => {
		const empty = await mkdtemp(join(tmpdir(), 'cli-report-empty-'));
		try {
			const { code, err } = await cli('report', '--lake', empty, '--page', 'overview');
			expect(code).toBe(1);
			expect(err).toContain('has no published Gold yet: run "pipeline --lake');
		} finally {
			await rm(empty, { recursive: true, force: true });
		}
	});
});
