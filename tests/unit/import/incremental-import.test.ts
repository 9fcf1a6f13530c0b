import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { DashboardReports } from '../../../src/lib/analytics/reports';
import type { ImportResult } from '../../../src/lib/import/import-file';
import type { LakeManifest, RunLog } from '../../../src/lib/pipeline/types';

const HEADER = 'invoice_no,invoice_date,store_id,product_id,quantity,unit_price';
/** January: 2 × 100.00 + 1 × 50.50 = 250.50 over two invoices. */
const JANUARY = `${HEADER}\nI1,2024-01-05 10:00:00,S1,P1,2,100.00\nI2,2024-01-06 11:00:00,S1,P2,1,50.50\n`;
/** February: 3 × 100.00 = 300.00, one invoice. */
const FEBRUARY = `${HEADER}\nI3,2024-02-01 09:00:00,S2,P1,3,100.00\n`;
/** One web order: 2 × 25 = 50. */
const WEB =
	'{"order_id":"W1","order_date":"2024-02-02 12:00:00","product_id":"P2","quantity":2,"unit_price":25}\n';

/**
 * Idempotent, incremental import: the same data imported again is skipped with a message, and a run after
 * an import ingests the new raw batches only (its run log says which files were ingested and which
 * skipped), while Gold and the Overview hold every batch's rows once (totals worked out by hand above).
 */
describe('importing into a lake that has data', () => {
	let dir: string;
	let lake: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'incremental-import-'));
		lake = join(dir, 'lake');
		await writeFile(join(dir, 'january.csv'), JANUARY);
		await writeFile(join(dir, 'january (1).csv'), JANUARY);
		await writeFile(join(dir, 'february.csv'), FEBRUARY);
		await writeFile(join(dir, 'web.ndjson'), WEB);
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}
	const importing = async (...files: string[]) => {
		const { code, out, err } = await cli(
			'import',
			'--lake',
			lake,
			'--json',
			...files.map((f) => join(dir, f))
		);
		expect(code, err).toBe(0);
		return JSON.parse(out) as ImportResult[];
	};
	const pipeline = async () => {
		const { code, out, err } = await cli('pipeline', '--lake', lake, '--threads', '1', '--json');
		expect(code, err).toBe(0);
		const log = JSON.parse(out) as RunLog;
		// Each raw file: what this run did with it, and the rows it read from it (none when skipped).
		return Object.fromEntries(log.ingestion.map((file) => [file.path, [file.status, file.rows_raw]]));
	};
	const overview = async () => {
		const { code, out } = await cli('report', '--lake', lake, '--page', 'overview', '--json');
		expect(code).toBe(0);
		const { pages } = JSON.parse(out) as { pages: Partial<DashboardReports> };
		return pages.overview!.cards.current;
	};

	it('ingests the first import', async () => {
		expect((await importing('january.csv')).map((r) => [r.status, r.path, r.rows_written])).toEqual([
			['imported', 'raw/pos_sales/january.ndjson', 2]
		]);
		expect(await pipeline()).toEqual({ 'raw/pos_sales/january.ndjson': ['ingested', 2] });
		expect(await overview()).toMatchObject({ revenue: 250.5, orders: 2 });
	}, 120_000);

	it('skips the same file imported again, under another name, with a message; nothing is written', async () => {
		const [again] = await importing('january (1).csv');
		expect(again).toMatchObject({
			status: 'duplicate',
			path: 'raw/pos_sales/january.ndjson',
			rows_written: 0,
			message:
				'january (1).csv holds the same data as raw/pos_sales/january.ndjson, already in the lake: skipped.'
		});
		// Nothing new in Raw: the next run ingests nothing.
		expect(await pipeline()).toEqual({ 'raw/pos_sales/january.ndjson': ['skipped', 0] });
	}, 120_000);

	it('ingests only the new batches after another import, and Gold holds every row once', async () => {
		expect((await importing('february.csv', 'web.ndjson')).map((r) => [r.status, r.path])).toEqual([
			['imported', 'raw/pos_sales/february.ndjson'],
			['imported', 'raw/web_orders/web.ndjson']
		]);
		expect(await pipeline()).toEqual({
			'raw/pos_sales/february.ndjson': ['ingested', 1],
			'raw/pos_sales/january.ndjson': ['skipped', 0],
			'raw/web_orders/web.ndjson': ['ingested', 1]
		});
		const manifest = JSON.parse(await readFile(join(lake, '_manifest.json'), 'utf8')) as LakeManifest;
		expect(manifest.ingested.map((file) => file.path)).toEqual([
			'raw/pos_sales/february.ndjson',
			'raw/pos_sales/january.ndjson',
			'raw/web_orders/web.ndjson'
		]);
		// 250.50 + 300.00 + 50.00 over I1, I2, I3 and W1.
		expect(await overview()).toMatchObject({ revenue: 600.5, orders: 4 });
	}, 120_000);
});
