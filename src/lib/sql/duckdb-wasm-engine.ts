import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import {
	declaresDictionaries,
	dictionaryMessages,
	ipcStream,
	sliceStreamFromIpcFile,
	streamBatches,
	tableToResult
} from './arrow-rows';
import type { QueryOptions, QueryResult, SqlEngine } from './sql-engine';
import { quoteIdent } from './sql-text';
import type { StatementListener } from './statement-timings';

/** The database every table is created in (the default one does not compress its tables). */
const DATABASE = 'lake';

/**
 * SqlEngine over a synchronous DuckDB-WASM instance (the blocking build: the browser's engine worker
 * and Node tests use the same code). Extension autoloading is switched off and the configuration
 * locked, so nothing ever tries the network (docs/platform.md: offline it would hang or fail obscurely).
 */
export class DuckDBWasmEngine implements SqlEngine {
	readonly #db: DuckDBBindings;
	readonly #conn: DuckDBConnection;
	readonly #listeners = new Set<StatementListener>();

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
		// Tables live in a compressed in-memory database: a 1M-line lake's tables take ~5× less memory (DuckDB-WASM
		// never gives memory back, so this bounds the tab's footprint) and scan faster.
		conn.query(`ATTACH ':memory:' AS ${DATABASE} (COMPRESS)`);
		conn.query(`USE ${DATABASE}`);
		conn.query(`SET lock_configuration = true`);
		return new DuckDBWasmEngine(db, conn);
	}

	get version(): string {
		return this.#db.getVersion();
	}

	async exec(sql: string): Promise<void> {
		this.#timed(sql, () => this.#conn.query(sql));
	}

	async query(sql: string, { maxRows }: QueryOptions = {}): Promise<QueryResult> {
		return tableToResult(
			this.#timed(sql, () => this.#conn.query(sql)),
			maxRows
		);
	}

	async queryArrowIPC(sql: string): Promise<Uint8Array> {
		return sliceStreamFromIpcFile(
			this.#timed(sql, () => this.#conn.useUnsafe((db, conn) => db.runQuery(conn, sql)))
		);
	}

	watchStatements(listener: StatementListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Runs one statement (synchronously, so its time is its own) and tells the listeners how long it took. */
	#timed<T>(statement: string, run: () => T): T {
		if (this.#listeners.size === 0) return run();
		const started = performance.now();
		try {
			return run();
		} finally {
			const ms = performance.now() - started;
			for (const listener of this.#listeners) listener(statement, ms);
		}
	}

	/**
	 * Streams the result on a connection of its own (so queries run meanwhile on the main one cannot cut it
	 * short): DuckDB hands out 2,048-row Arrow batches, grouped here into IPC streams of `rowsPerStream`.
	 * Streamed batches come without the dictionary an ENUM column's keys point into. DuckDB writes an ENUM's
	 * whole dictionary ahead of a result's first batch, so the engine takes it from a one-row run of the same
	 * query and puts it in every stream.
	 */
	async *queryArrowStreams(sql: string, rowsPerStream = 122_880): AsyncIterable<Uint8Array> {
		const conn = this.#db.connect();
		try {
			conn.query(`USE ${DATABASE}`);
			const batches = conn.useUnsafe((db, id) => streamBatches(db, id, sql));
			const dictionaries = declaresDictionaries(batches.schema)
				? dictionaryMessages(await this.queryArrowIPC(`SELECT * FROM (${sql}) LIMIT 1`))
				: [];
			let group: Uint8Array[] = [];
			let rows = 0;
			for (const batch of batches.messages) {
				group.push(batch.message);
				rows += batch.rows;
				if (rows >= rowsPerStream) {
					yield ipcStream(batches.schema, group, dictionaries);
					group = [];
					rows = 0;
				}
			}
			if (group.length > 0 || rows === 0) yield ipcStream(batches.schema, group, dictionaries);
		} finally {
			conn.close();
		}
	}

	async loadArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
		this.#conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
		this.#timed(arrowLoad(table), () =>
			this.#conn.insertArrowFromIPCStream(ipc, { name: table, create: true })
		);
	}

	async appendArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
		this.#timed(arrowLoad(table), () =>
			this.#conn.insertArrowFromIPCStream(ipc, { name: table, create: false })
		);
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

/** How an Arrow load shows among the statements (`watchStatements`). */
function arrowLoad(table: string): string {
	return `load ${table} (Arrow rows into DuckDB)`;
}
