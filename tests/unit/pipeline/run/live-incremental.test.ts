import type { DuckDBConnection } from '@duckdb/node-api';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../../src/lib/generate/generate-raw';
import { LiveFeed } from '../../../../src/lib/generate/live-batches';
import { NodeLakeStore } from '../../../../src/lib/lake/node-lake-store';
import { cliPipeline, factTotals, lakeManifest, publishedRows } from '../../helpers/cli-lake';
import { openNativeConnection } from '../../helpers/native-duckdb';

/**
 * Live mode's incremental path: a live batch after a run is the only raw file the next run reads, and the
 * Gold it publishes equals a fresh run over the same raw files (CLI, native DuckDB).
 */
describe('a live batch after a run', () => {
	let dir: string;
	let copy: string;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'live-incremental-'));
		copy = await mkdtemp(join(tmpdir(), 'live-incremental-fresh-'));
		await generateRaw(
			{ salesLines: 1_000, seed: 11, from: '2024-01-01', to: '2024-04-30' },
			new NodeLakeStore(dir)
		);
		expect((await cliPipeline(dir)).status).toBe('succeeded');
		native = await openNativeConnection();
	}, 120_000);
	afterAll(async () => {
		native?.closeSync();
		for (const folder of [dir, copy]) await rm(folder, { recursive: true, force: true });
	});

	/**
	 * Every Silver and Gold table's rows and the facts' and inventory's totals, read by native DuckDB from the
	 * published Parquet (a kept file as much as a new one).
	 */
	async function goldOf(lake: string) {
		const manifest = await lakeManifest(lake);
		const tables = publishedRows(manifest);
		const totals = await factTotals(native, lake, manifest);
		const inventory = join(lake, manifest.tables['gold/fact_inventory'].path);
		const [stock] = (
			await native.runAndReadAll(
				`SELECT count(*)::INTEGER AS rows, sum(on_hand)::BIGINT::VARCHAR AS on_hand FROM read_parquet('${inventory}')`
			)
		).getRowObjects();
		return { tables, totals, stock };
	}

	it('ingests only the new file, and its Gold equals a fresh run over the same raw files', async () => {
		const before = await goldOf(dir);
		const store = new NodeLakeStore(dir);
		const written = await (await LiveFeed.open(store, new Date('2026-01-01T00:00:00Z'))).writeNext(store);
		const log = await cliPipeline(dir);
		expect(log.status).toBe('succeeded');
		// The run log: the new file ingested, every other raw file skipped as already in the lake.
		const ingested = log.ingestion.filter((file) => file.status === 'ingested');
		expect(ingested.map((file) => file.path)).toEqual([written.path]);
		expect(log.ingestion.filter((file) => file.status === 'skipped')).toHaveLength(7);
		expect(log.steps.filter((step) => step.step === 'ingest').map((step) => step.detail)).toEqual([
			written.path
		]);
		// The manifest: the earlier Bronze batches are the first run's files, the new batch this run's.
		const manifest = await lakeManifest(dir);
		const liveBronze = `bronze/web_orders/${written.path.split('/').at(-1)!.replace('.ndjson', '')}`;
		expect(manifest.tables[liveBronze].path).toContain(manifest.run_id);
		const earlier = Object.entries(manifest.tables).filter(
			([key]) => key.startsWith('bronze/') && !key.includes('live-')
		);
		expect(earlier.length).toBeGreaterThan(0);
		for (const [key, table] of earlier) expect(table.path, key).not.toContain(manifest.run_id);

		// Gold grew by exactly the batch, as read from its raw text.
		const rows = (await readFile(join(dir, written.path), 'utf8'))
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { order_id: string; total_amount: number; quantity: number });
		const after = await goldOf(dir);
		expect(after.totals.lines - before.totals.lines).toBe(rows.length);
		expect(after.totals.orders - before.totals.orders).toBe(new Set(rows.map((row) => row.order_id)).size);
		expect(after.totals.units - before.totals.units).toBe(rows.reduce((sum, row) => sum + row.quantity, 0));
		const addedPaise = rows.reduce((sum, row) => sum + Math.round(row.total_amount * 100), 0);
		expect(
			Math.round(Number(after.totals.revenue) * 100) - Math.round(Number(before.totals.revenue) * 100)
		).toBe(addedPaise);

		// A fresh lake with the same raw files, run once, publishes the same Gold.
		await cp(join(dir, 'raw'), join(copy, 'raw'), { recursive: true });
		expect((await cliPipeline(copy)).status).toBe('succeeded');
		expect(after).toEqual(await goldOf(copy));
	}, 180_000);
});
