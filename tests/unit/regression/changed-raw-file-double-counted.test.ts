import type { DuckDBConnection } from '@duckdb/node-api';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';
import type { QualityReport } from '../../../src/lib/pipeline/types';
import { cliPipeline, factTotals, lakeManifest, publishedRows } from '../helpers/cli-lake';
import { openNativeConnection } from '../helpers/native-duckdb';

/**
 * Finding 1: a raw file edited in place was ingested again and its new rows appended beside the old ones
 * (fact_sales 19,841 → 19,982 rows, the manifest listing the path twice, and a later run loading its
 * Bronze twice). Raw files are versions now: whatever happens to them, Gold equals a fresh pipeline run
 * over the raw files present (CLI, native DuckDB).
 */
describe('regression: a changed, deleted or renamed raw file is replaced, not double-counted', () => {
	let dir: string;
	let native: DuckDBConnection;
	const fresh: string[] = [];

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'raw-versions-'));
		await generateRaw(
			{ salesLines: 1_000, seed: 5, from: '2024-01-01', to: '2024-04-30' },
			new NodeLakeStore(dir)
		);
		expect((await cliPipeline(dir)).status).toBe('succeeded');
		native = await openNativeConnection();
	}, 120_000);
	afterAll(async () => {
		native?.closeSync();
		for (const folder of [dir, ...fresh]) await rm(folder, { recursive: true, force: true });
	});

	/** Gold as a reader sees it: every table's rows, the facts' totals, and check 4's duplicates. */
	async function goldOf(lake: string) {
		const manifest = await lakeManifest(lake);
		const tables = publishedRows(manifest);
		const totals = await factTotals(native, lake, manifest);
		const report = JSON.parse(
			await readFile(join(lake, `analytics/quality/${manifest.run_id}.json`), 'utf8')
		) as QualityReport;
		const duplicates = report.check_results.find((check) => check.check_id === 4)?.violations_found;
		return { tables, totals, duplicates, balanced: report.reconciliation.sales.balanced };
	}

	/** A fresh lake with a copy of `lake`'s raw files only, run once. */
	async function freshRunOf(lake: string) {
		const copy = await mkdtemp(join(tmpdir(), 'raw-versions-fresh-'));
		fresh.push(copy);
		await cp(join(lake, 'raw'), join(copy, 'raw'), { recursive: true });
		await cliPipeline(copy);
		return goldOf(copy);
	}

	async function rawPath(dataset: string): Promise<string> {
		return (await lakeManifest(dir)).ingested.find((file) => file.dataset === dataset)!.path;
	}

	it('a file edited in place (142 prices up 10 %, 10 lines appended) replaces its earlier rows', async () => {
		const path = await rawPath('pos_sales');
		const before = await goldOf(dir);
		const lines = (await readFile(join(dir, path), 'utf8')).trimEnd().split('\n');
		const header = lines[0].split(',');
		const price = header.indexOf('unit_price');
		const invoice = header.indexOf('invoice_no');
		let raised = 0;
		const edited = lines.map((line, i) => {
			const fields = line.split(',');
			if (i === 0 || raised === 142 || line.includes('"') || !/^\d+\.\d\d$/.test(fields[price])) return line;
			raised++;
			fields[price] = (Math.round(Number(fields[price]) * 110) / 100).toFixed(2);
			return fields.join(',');
		});
		// Copies of the first 10 lines under new invoice numbers (the last line may be a truncated one).
		const appended = lines.slice(1, 11).map((line, i) => {
			const fields = line.split(',');
			fields[invoice] = `INV-EDIT-${i}`;
			return fields.join(',');
		});
		await writeFile(join(dir, path), [...edited, ...appended].join('\n') + '\n');

		const log = await cliPipeline(dir);
		const after = await goldOf(dir);
		expect(after).toEqual(await freshRunOf(dir));
		// Up to 10 more lines (a copied line may carry an injected defect), not the file's lines twice.
		expect(after.totals.lines).toBeGreaterThan(before.totals.lines);
		expect(after.totals.lines).toBeLessThanOrEqual(before.totals.lines + 10);
		expect(log.ingestion.find((file) => file.path === path)).toMatchObject({
			status: 'ingested',
			message: expect.stringMatching(/^Changed since run-\S+: its earlier \d+ rows were replaced\./)
		});
		const manifest = await lakeManifest(dir);
		expect(manifest.ingested.filter((file) => file.path === path)).toHaveLength(1);

		// A run with nothing changed reads the lake back and finds it the same (Bronze loaded once per batch).
		await cliPipeline(dir);
		expect(await goldOf(dir)).toEqual(after);
	});

	it('a deleted file takes its rows out of every layer', async () => {
		const path = await rawPath('web_orders');
		await rm(join(dir, path));
		const log = await cliPipeline(dir);
		const after = await goldOf(dir);
		expect(after).toEqual(await freshRunOf(dir));
		expect(log.ingestion.find((file) => file.path === path)).toMatchObject({ status: 'removed' });
		expect(after.tables['silver/sales_lines']).toBeGreaterThan(0);
		expect(Object.keys((await lakeManifest(dir)).tables).some((key) => key.includes('web_orders'))).toBe(
			false
		);
	});

	it('the same bytes under another name are a duplicate batch; after a rename the rows stay once', async () => {
		const path = await rawPath('pos_sales');
		const copy = path.replace(/[^/]+\.csv$/, 'resent-copy.csv');
		await cp(join(dir, path), join(dir, copy));
		const before = await goldOf(dir);
		const log = await cliPipeline(dir);
		expect(await goldOf(dir)).toEqual(before);
		expect(log.ingestion.find((file) => file.path === copy)).toMatchObject({
			status: 'duplicate',
			message: `The same bytes as ${path}, which is in the lake: skipped as a duplicate batch.`
		});

		const renamed = path.replace(/[^/]+\.csv$/, 'renamed.csv');
		await rm(join(dir, copy));
		await rename(join(dir, path), join(dir, renamed));
		await cliPipeline(dir);
		const after = await goldOf(dir);
		expect(after.totals).toEqual(before.totals);
		expect(after).toEqual(await freshRunOf(dir));
	});
});
