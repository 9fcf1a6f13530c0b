import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { sliceStreamFromIpcFile, tableToResult } from './arrow-rows';
import type { QueryOptions, QueryResult, SqlEngine } from './sql-engine';
import { quoteIdent } from './sql-text';

/**
 * SqlEngine over a synchronous DuckDB-WASM instance (the blocking build: the browser's engine worker
 * and Node tests use the same code). Extension autoloading is switched off and the configuration
 * locked, so nothing ever tries the network (PLATFORM.md: offline it would hang or fail obscurely).
 */
export class DuckDBWasmEngine implements SqlEngine {
	readonly #db: DuckDBBindings;
	readonly #conn: DuckDBConnection;

	private constructor(db: DuckDBBindings, conn: DuckDBConnection) {
		this.#db = db;
		this.#conn = conn;
	}

	/** Opens an in-memory database on instantiated bindings and applies the offline settings. */
	static open(db: DuckDBBindings): DuckDBWasmEngine {
		db.open({ path: ':memory:' });
		const conn = db.connect();
		conn.query(`SET autoinstall_known_extensions = false`);
		conn.query(`SET autoload_known_extensions = false`);
		conn.query(`SET lock_configuration = true`);
		return new DuckDBWasmEngine(db, conn);
	}

	get version(): string {
		return this.#db.getVersion();
	}

	async exec(sql: string): Promise<void> {
		this.#conn.query(sql);
	}

	async query(sql: string, { maxRows }: QueryOptions = {}): Promise<QueryResult> {
		return tableToResult(this.#conn.query(sql), maxRows);
	}

	async queryArrowIPC(sql: string): Promise<Uint8Array> {
		return sliceStreamFromIpcFile(this.#conn.useUnsafe((db, conn) => db.runQuery(conn, sql)));
	}

	async loadArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
		this.#conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
		this.#conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
	}

	async registerFile(name: string, data: Uint8Array): Promise<void> {
		this.#db.registerFileBuffer(name, data);
	}

	async dropFile(name: string): Promise<void> {
		this.#db.dropFile(name);
	}

	async close(): Promise<void> {
		this.#conn.close();
		this.#db.reset();
	}
}
