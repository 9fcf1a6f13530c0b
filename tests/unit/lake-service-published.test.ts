import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeService } from '../../src/lib/engine/lake-service';
import type { ParquetCodec } from '../../src/lib/parquet/parquet-codec';
import { readManifest } from '../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../src/lib/pipeline/types';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import { clock, csv, fakeSteps, openCodec, storeFrom } from './pipeline/run/fake-steps';

/** The lake as the app shows it after two runs: published tables by their friendly names, one version each. */
describe('LakeService over a published lake (fake steps, two versions)', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	let lake: LakeService;
	let manifest: LakeManifest;
	let previous: LakeManifest;

	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
		const store = await storeFrom(new Map([['raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00')]]));
		await runPipeline({ sql, store, codec, now: clock() }, {}, fakeSteps);
		previous = (await readManifest(store))!;
		await store.write('raw/products/b2.csv', csv('p3,2.00'));
		await runPipeline({ sql, store, codec, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		manifest = (await readManifest(store))!;
		lake = new LakeService(sql, store, codec);
	});
	afterAll(() => sql?.close());

	it('lists each published table once, by its friendly name, backed by the file the manifest names', async () => {
		const files = await lake.listLake();
		const layers = files.filter((f) => /^(bronze|silver|gold)\//.test(f.path));
		expect(layers.map((f) => [f.path, f.stored])).toEqual(
			Object.entries(manifest.tables).map(([key, table]) => [`${key}.parquet`, table.path])
		);
		expect(files.find((f) => f.path === 'gold/dim_product.parquet')?.parquet?.rows).toBe(2);
		// The previous version's files are kept (for rollback) but not shown.
		const previousOnly = previous.tables['gold/dim_product'].path;
		expect(await lake.store.stat(previousOnly)).not.toBeNull();
		expect(files.some((f) => f.path === previousOnly || f.stored === previousOnly)).toBe(false);
	});

	it('downloads a published table by its friendly name, the bytes of the current version', async () => {
		const blob = await lake.download('gold/dim_product.parquet');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect(bytes).toEqual(await lake.store.read(manifest.tables['gold/dim_product'].path));
		expect(await lake.loadParquet('gold/dim_product.parquet', 'dims')).toBe(2);
	});

	it('zips a layer with friendly names', async () => {
		const zip = unzipSync(new Uint8Array(await (await lake.downloadZip('gold/')).arrayBuffer()));
		expect(Object.keys(zip).sort()).toEqual(['gold/_orphans.parquet', 'gold/dim_product.parquet']);
		expect(zip['gold/dim_product.parquet']).toEqual(
			await lake.store.read(manifest.tables['gold/dim_product'].path)
		);
	});

	it('saves query results only under user/', async () => {
		for (const path of ['gold/dim_product.parquet', 'bronze/x.parquet', 'analytics/x.parquet', 'x.parquet']) {
			await expect(lake.writeParquet(path, 'SELECT 1 AS x'), path).rejects.toThrow(
				/Results are saved under user\/ only/
			);
		}
		expect(await lake.store.read(manifest.tables['gold/dim_product'].path)).toEqual(
			new Uint8Array(await (await lake.download('gold/dim_product.parquet')).arrayBuffer())
		);
		expect((await lake.writeParquet('user/x.parquet', 'SELECT 1 AS x')).parquet?.rows).toBe(1);
	});
});
