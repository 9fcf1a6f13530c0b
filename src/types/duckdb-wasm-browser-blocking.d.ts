// Vite aliases this name to DuckDB-WASM's synchronous browser build, which the package's exports map
// does not expose; its API is the same as the Node blocking build's, apart from the runtime.
declare module 'duckdb-wasm-browser-blocking' {
	import type { DuckDBBindings, DuckDBBundles, DuckDBRuntime, Logger } from '@duckdb/duckdb-wasm/blocking';
	export { VoidLogger } from '@duckdb/duckdb-wasm/blocking';
	export const BROWSER_RUNTIME: DuckDBRuntime;
	export function createDuckDB(
		bundles: DuckDBBundles,
		logger: Logger,
		runtime: DuckDBRuntime
	): Promise<DuckDBBindings>;
}
