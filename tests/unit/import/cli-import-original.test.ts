import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { DashboardReports } from '../../../src/lib/analytics/reports';
import type { RunLog } from '../../../src/lib/pipeline/types';
import { publishedFile } from '../helpers/published-file';
import { openNativeConnection } from '../helpers/native-duckdb';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import/original');
const FILES = ['pos_sales.csv', 'web_orders.json', 'warehouse_inventory.csv', 'shipments.csv'].map((name) =>
	join(FIXTURES, name)
);

/**
 * The original system's four raw exports, imported as they are with `cli import`, then `cli pipeline`:
 * Gold and the Overview's figures against totals worked out by hand from the fixtures (comments), and
 * Gold read a second way (native DuckDB over the published Parquet).
 */
describe('CLI import of the original system’s exports', () => {
	let dir: string;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-import-'));
		native = await openNativeConnection();
	});
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

	it('detects each file’s dataset from its columns and writes it to Raw', async () => {
		const { code, out } = await cli('import', '--lake', dir, '--json', ...FILES);
		expect(code, out).toBe(0);
		const results = JSON.parse(out) as {
			file: string;
			dataset: string;
			status: string;
			path: string;
			rows_read: number;
			rows_written: number;
		}[];
		expect(
			results.map(({ file, dataset, status, path, rows_read, rows_written }) => [
				file,
				dataset,
				status,
				path,
				rows_read,
				rows_written
			])
		).toEqual([
			['pos_sales.csv', 'pos_sales', 'imported', 'raw/pos_sales/pos_sales.ndjson', 6, 6],
			['web_orders.json', 'web_orders', 'imported', 'raw/web_orders/web_orders.ndjson', 3, 3],
			// Its name says warehouse; its columns say inventory.
			['warehouse_inventory.csv', 'inventory', 'imported', 'raw/inventory/warehouse_inventory.ndjson', 4, 4],
			['shipments.csv', 'shipments', 'imported', 'raw/shipments/shipments.ndjson', 3, 3]
		]);
	});

	it('runs the pipeline to the hand-computed Gold totals', async () => {
		const { code, err } = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(code, err).toBe(0);
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const read = async (query: string) => (await native.runAndReadAll(query)).getRowObjectsJson()[0];
		// POS: INV-5's line has a negative price (quarantined); the rest 3000 + 499.5 + 1950 + 1450 + 1920 =
		// 8819.5 over INV-1…4. Web: 1600 + 1280.5 + 510 = 3390.5 over three orders. Customers: CUST-0001,
		// -0002 (both channels) and -0004; INV-3 and WEB-3 have none (UNKNOWN), CUST-0003 only on the
		// quarantined line.
		expect(
			await read(`SELECT count(*) AS lines, CAST(sum(net_amount) AS VARCHAR) AS revenue,
				count(DISTINCT order_id) AS orders,
				count(DISTINCT customer_id) FILTER (WHERE customer_id <> 'UNKNOWN') AS customers
				FROM read_parquet('${sales}')`)
		).toEqual({ lines: '8', revenue: '12210.00', orders: '7', customers: '3' });
		// Stock at cost: 120 × 1100 + 0 × 300 + 45 × 420 + 8 × 1050 = 159,300; one stock-out.
		const inventory = await publishedFile(dir, 'gold/fact_inventory');
		expect(
			await read(`SELECT count(*) AS rows, CAST(sum(stock_value) AS VARCHAR) AS value,
				count(*) FILTER (WHERE is_stockout) AS stockouts FROM read_parquet('${inventory}')`)
		).toEqual({ rows: '4', value: '159300.00', stockouts: '1' });
		// Two delivered shipments, 3 and 1 days; one in transit.
		const shipments = await publishedFile(dir, 'gold/fact_shipments');
		expect(
			await read(`SELECT count(*) AS rows, avg(delivery_days) AS days FROM read_parquet('${shipments}')`)
		).toEqual({ rows: '3', days: 2 });
	}, 120_000);

	it('shows the same figures on the Overview (cli report)', async () => {
		const { code, out } = await cli('report', '--lake', dir, '--page', 'overview', '--json');
		expect(code).toBe(0);
		const { pages } = JSON.parse(out) as { pages: Partial<DashboardReports> };
		expect(pages.overview!.cards.current).toMatchObject({
			revenue: 12210,
			orders: 7,
			customers: 3,
			aov: 1744.29
		});
	}, 60_000);

	it('skips the same data imported again, under any name, and the next run ingests nothing new', async () => {
		const { code, out } = await cli('import', '--lake', dir, '--json', FILES[0]);
		expect(code).toBe(0);
		const [again] = JSON.parse(out) as { status: string; message: string }[];
		expect(again.status).toBe('duplicate');
		expect(again.message).toContain('raw/pos_sales/pos_sales.ndjson');
		const run = await cli('pipeline', '--lake', dir, '--threads', '1', '--json');
		expect(run.code, run.err).toBe(0);
		const log = JSON.parse(run.out) as RunLog;
		expect(log.ingestion.map((entry) => entry.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
	}, 120_000);
});
