import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { DuckDBWasmEngine } from './duckdb-wasm-engine';

/** DuckDB-WASM's Node build: the same engine as the browser, for tests. Only the eh bundle is used. */
export async function openDuckDBWasmNode(): Promise<DuckDBWasmEngine> {
	const require = createRequire(import.meta.url);
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const eh = { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' };
	const db = await createDuckDB({ mvp: eh, eh }, new VoidLogger(), NODE_RUNTIME);
	await db.instantiate(() => {});
	return DuckDBWasmEngine.open(db);
}
