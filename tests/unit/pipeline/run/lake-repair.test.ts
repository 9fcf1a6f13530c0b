import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { lakeProblem, rollBack } from '../../../../src/lib/pipeline/run/lake-repair';
import { readManifest } from '../../../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { dropPipelineTables } from '../../../../src/lib/pipeline/run/engine-bronze';
import { clock, csv, fakeSteps, openCodec, snapshot, storeFrom } from './fake-steps';

describe('lakeProblem and rollBack (fake steps, a memory lake with two versions)', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	let files: Map<string, Uint8Array>;
	let second: LakeManifest;

	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
		const store = await storeFrom(new Map([['raw/products/b1.csv', csv('p1,10.00')]]));
		await runPipeline({ sql, store, codec, now: clock() }, {}, fakeSteps);
		await store.write('raw/products/b2.csv', csv('p2,3.00'));
		await runPipeline({ sql, store, codec, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		second = (await readManifest(store))!;
		files = await snapshot(store);
	});
	afterAll(() => sql?.close());

	it('finds nothing wrong with a whole lake, and names a missing file, a wrong size or a bad manifest', async () => {
		expect(await lakeProblem(await storeFrom(files))).toBeNull();
		const dims = second.tables['gold/dim_product'].path;

		const missing = await storeFrom(files);
		await missing.delete(dims);
		expect(await lakeProblem(missing)).toBe(
			`The lake file ${dims} is damaged: the manifest lists it but the file is missing. Roll back to the previous version, or rebuild the lake from its raw files (Raw is the source of truth).`
		);
		const shorter = await storeFrom(files);
		await shorter.write(dims, files.get(dims)!.slice(0, 10));
		expect(await lakeProblem(shorter)).toMatch(
			new RegExp(`^The lake file ${dims} is damaged: it has 10 bytes where the manifest says \\d+\\.`)
		);
		const edited = await storeFrom(files);
		const text = new TextDecoder().decode(files.get('_manifest.json')).replace('"rows": 2', '"rows": 3');
		await edited.write('_manifest.json', new TextEncoder().encode(text));
		expect(await lakeProblem(edited)).toMatch(
			/^The lake file _manifest\.json is damaged: its checksum does not match its content\./
		);
	});

	it('rolls back to the previous version, as a new version that publishes its run again', async () => {
		const store = await storeFrom(files);
		const restored = await rollBack(store);
		expect(restored).toMatchObject({ sequence: 3, run_id: second.previous!.run_id, previous: null });
		expect(await readManifest(store)).toEqual(restored);
		expect(restored.tables['silver/products'].rows).toBe(1);
		// The version rolled back from is neither kept nor listed.
		expect((await store.list('_manifests')).map((e) => e.path)).toEqual(['_manifests/0000000003.json']);
		expect(await store.stat(second.tables['gold/dim_product'].path)).toBeNull();
		// The next run starts from the restored version: b2 is new again.
		await dropPipelineTables(sql);
		const next = await runPipeline({ sql, store, codec, now: clock('2025-03-03T10:00:00Z') }, {}, fakeSteps);
		expect(next.ingestion.map((r) => [r.path, r.status])).toEqual([
			['raw/products/b1.csv', 'skipped'],
			['raw/products/b2.csv', 'ingested']
		]);
		expect((await readManifest(store))?.sequence).toBe(4);
	});

	it('skips a version whose files are damaged, and says so when none is whole', async () => {
		const store = await storeFrom(files);
		const first = (await readManifest(store))!.previous!;
		// Damage a file only the previous version lists: there is nothing whole to go back to.
		const previous = JSON.parse(
			new TextDecoder().decode(files.get(`_manifests/${String(first.sequence).padStart(10, '0')}.json`))
		) as LakeManifest;
		await store.write(previous.tables['gold/dim_product'].path, new Uint8Array([1, 2, 3]));
		await expect(rollBack(store)).rejects.toThrow(/^No earlier version of the lake is whole/);
		expect(await readManifest(store)).toEqual(second);
	});
});
