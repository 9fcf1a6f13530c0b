/// <reference lib="webworker" />
// The engine worker: DuckDB-WASM (synchronous eh build) plus the lake in OPFS, behind a typed Comlink API.
const workerStarted = performance.now();

import * as Comlink from 'comlink';
import { createDuckDB, BROWSER_RUNTIME, VoidLogger } from 'duckdb-wasm-browser-blocking';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { EngineStatus, LakeFileInfo, TimedQueryResult } from '$lib/engine/engine-api';
import { LakeService } from '$lib/engine/lake-service';
import { openLake } from '$lib/lake/browser-lake';
import { createParquetWasmCodec } from '$lib/parquet/parquet-wasm-codec';
import { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import type { QueryOptions } from '$lib/sql/sql-engine';

async function boot(): Promise<{ service: LakeService; status: EngineStatus }> {
	const eh = { mainModule: duckdbWasmUrl, mainWorker: '' };
	const [db, codec, lake] = await Promise.all([
		createDuckDB({ mvp: eh, eh }, new VoidLogger(), BROWSER_RUNTIME).then((b) => b.instantiate(() => {})),
		createParquetWasmCodec(parquetWasmUrl),
		openLake()
	]);
	const sql = DuckDBWasmEngine.open(db);
	const service = new LakeService(sql, lake.store, codec);
	const status: EngineStatus = {
		duckdbVersion: sql.version,
		startMs: Math.round(performance.now() - workerStarted),
		persistent: lake.persistent
	};
	return { service, status };
}

const booted = boot();
const service = async () => (await booted).service;

const api = {
	async status(): Promise<EngineStatus> {
		return (await booted).status;
	},
	async query(sql: string, options?: QueryOptions): Promise<TimedQueryResult> {
		return (await service()).query(sql, options);
	},
	async listLake(prefix?: string): Promise<LakeFileInfo[]> {
		return (await service()).listLake(prefix);
	},
	async writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		return (await service()).writeParquet(path, sql);
	},
	async loadParquet(path: string, table: string): Promise<number> {
		return (await service()).loadParquet(path, table);
	},
	/** The file as a Blob the page can save; OPFS hands out a file-backed Blob, so nothing is copied. */
	async download(path: string): Promise<Blob> {
		return (await service()).store.blob(path);
	}
};

export type EngineApi = typeof api;

Comlink.expose(api);
