import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeService } from '../../src/lib/engine/lake-service';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import type { LakeStore } from '../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { RemoteLakeStore, serveLake } from '../../src/lib/lake/shared-lake';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import type { ParquetCodec } from '../../src/lib/parquet/parquet-codec';
import { dropPipelineTables } from '../../src/lib/pipeline/run/engine-bronze';
import { readManifest } from '../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../src/lib/pipeline/run/run-pipeline';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { lakeStoreContract } from './lake-store.contract';

const ports: MessagePort[] = [];

/** A store reaching `host` through a MessageChannel, as a worker reaches the page's lake. */
function remote(host: LakeStore): RemoteLakeStore {
	const { port1, port2 } = new MessageChannel();
	ports.push(port1, port2);
	serveLake(host, port1);
	return new RemoteLakeStore(port2);
}

afterAll(() => ports.forEach((port) => port.close()));

lakeStoreContract('RemoteLakeStore over a MessagePort', () => remote(new MemoryLakeStore()));

const CONFIG = { salesLines: 1_000, seed: 7, from: '2024-01-01', to: '2024-03-31' };

/** Every file of a store and its bytes, by path. */
async function contents(store: LakeStore): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>();
	for (const { path } of await store.list()) files.set(path, await store.read(path));
	return files;
}

/**
 * The demo in a browser without OPFS: the generator's realm writes Raw through one port, the engine's realm
 * runs the real pipeline (DuckDB-WASM, parquet-wasm) through another, and both see one lake held by a third.
 */
describe('one in-memory lake shared by two realms', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), createParquetWasmCodec(wasm)]);
	});
	afterAll(() => sql?.close());

	async function publish(store: LakeStore) {
		await dropPipelineTables(sql);
		return runPipeline({ sql, store, codec });
	}

	it('the pipeline reads what the generator wrote elsewhere, and publishes what a lake of its own would', async () => {
		const held = new MemoryLakeStore();
		const generatorSide = remote(held);
		const engineSide = remote(held);
		const generated = await generateRaw(CONFIG, generatorSide);
		expect(generated.linesWritten).toBeGreaterThan(0);

		const shared = await publish(engineSide);
		expect(shared.status).toBe('succeeded');

		// The same seed generated and run on one plain store: the reference the shared lake must equal.
		const alone = new MemoryLakeStore();
		await generateRaw(CONFIG, alone);
		const reference = await publish(alone);
		expect(reference.status).toBe('succeeded');

		const goldRows = async (store: LakeStore) =>
			Object.entries((await readManifest(store))!.tables)
				.filter(([key]) => key.startsWith('gold/'))
				.map(([key, table]) => [key, table.rows]);
		expect(await goldRows(held)).toEqual(await goldRows(alone));
		expect(await goldRows(held)).toContainEqual(['gold/fact_sales', expect.any(Number)]);
		expect(shared.quality?.reconciliation).toEqual(reference.quality?.reconciliation);
		const raw = async (store: LakeStore) =>
			[...(await contents(store))].filter(([path]) => path.startsWith('raw/'));
		expect(await raw(held)).toEqual(await raw(alone));
		// What the engine published is the generator's side's lake too.
		expect((await readManifest(generatorSide))?.run_id).toBe(shared.run_id);
		const fact = (await readManifest(held))!.tables['gold/fact_sales'];
		expect(await generatorSide.read(fact.path)).toEqual(await held.read(fact.path));
		expect((await new LakeService(sql, generatorSide, codec).listLake('gold/')).length).toBeGreaterThan(0);
	});
});
