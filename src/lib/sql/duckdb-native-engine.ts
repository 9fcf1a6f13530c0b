import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
	DuckDBInstance,
	DuckDBTypeId,
	JSDuckDBValueConverter,
	type DuckDBConnection,
	type DuckDBMaterializedResult,
	type DuckDBType,
	type DuckDBValueConverter
} from '@duckdb/node-api';
import type { ParquetCodec } from '../parquet/parquet-codec';
import type { ColumnInfo, QueryOptions, QueryResult, SqlEngine, SqlValue } from './sql-engine';
import { quoteIdent, quoteLiteral } from './sql-text';

export interface NativeEngineOptions {
	/** DuckDB worker threads; default: DuckDB's own (one per core). */
	threads?: number;
}

/**
 * SqlEngine on native DuckDB (`@duckdb/node-api`), for headless runs in Node. Results look exactly like
 * the wasm adapter's (same type names, same JS values), so logic cannot tell the two apart.
 *
 * Native DuckDB has no Arrow IPC import offline, so Arrow goes through Parquet: the codec turns IPC into
 * Parquet (and back), and DuckDB's own Parquet reader and writer do the rest, via a private temp folder.
 * Registered files live in that folder too, found through `file_search_path`.
 */
export class DuckDBNativeEngine implements SqlEngine {
	readonly #instance: DuckDBInstance;
	readonly #conn: DuckDBConnection;
	readonly #codec: ParquetCodec;
	readonly #filesDir: string;
	readonly #scratchDir: string;
	readonly #root: string;
	#scratchCount = 0;
	/** The statements under way: closing the connection under one crashes the process (SIGSEGV). */
	readonly #running = new Set<Promise<DuckDBMaterializedResult>>();
	#closed = false;

	private constructor(instance: DuckDBInstance, conn: DuckDBConnection, codec: ParquetCodec, root: string) {
		this.#instance = instance;
		this.#conn = conn;
		this.#codec = codec;
		this.#root = root;
		this.#filesDir = join(root, 'files');
		this.#scratchDir = join(root, 'scratch');
	}

	/** Opens an in-memory database; extensions are never downloaded (Parquet is built in). */
	static async open(codec: ParquetCodec, { threads }: NativeEngineOptions = {}): Promise<DuckDBNativeEngine> {
		const config: Record<string, string> = {
			autoinstall_known_extensions: 'false',
			autoload_known_extensions: 'false'
		};
		if (threads !== undefined) config.threads = String(threads);
		const root = await mkdtemp(join(tmpdir(), 'retail-hub-duckdb-'));
		try {
			const instance = await DuckDBInstance.create(':memory:', config);
			const conn = await instance.connect();
			const engine = new DuckDBNativeEngine(instance, conn, codec, root);
			await mkdir(engine.#filesDir);
			await mkdir(engine.#scratchDir);
			await conn.run(`SET file_search_path = ${quoteLiteral(engine.#filesDir)}`);
			return engine;
		} catch (error) {
			await rm(root, { recursive: true, force: true });
			throw error;
		}
	}

	async version(): Promise<string> {
		const { rows } = await this.query(`SELECT version() AS v`);
		return String(rows[0].v);
	}

	async exec(sql: string): Promise<void> {
		await this.#run(sql);
	}

	async query(sql: string, { maxRows = Infinity }: QueryOptions = {}): Promise<QueryResult> {
		const result = await this.#run(sql);
		const names = result.columnNames();
		const types = result.columnTypes();
		const columns: ColumnInfo[] = names.map((name, c) => ({ name, type: sqlTypeName(types[c]) }));
		const rows: Record<string, SqlValue>[] = [];
		for (let k = 0; k < result.chunkCount && rows.length < maxRows; k++) {
			const values = result.getChunk(k).convertRows(toSqlValue);
			for (const row of values.slice(0, maxRows - rows.length)) {
				rows.push(Object.fromEntries(names.map((name, c) => [name, row[c]])));
			}
		}
		return { columns, rows, rowCount: result.rowCount };
	}

	async queryArrowIPC(sql: string): Promise<Uint8Array> {
		return this.#withScratchFile(async (path) => {
			const query = sql.trim().replace(/;+$/, '');
			// Uncompressed: the file lives for a moment and is read once.
			await this.#run(`COPY (${query}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION uncompressed)`);
			return this.#codec.decode(await readFile(path));
		});
	}

	async queryParquet(sql: string): Promise<Uint8Array> {
		return this.#withScratchFile(async (path) => {
			const query = sql.trim().replace(/;+$/, '');
			await this.#run(`COPY (${query}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`);
			return new Uint8Array(await readFile(path));
		});
	}

	async loadArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
		await this.loadParquet(table, this.#codec.encode(ipc));
	}

	async loadParquet(table: string, parquet: Uint8Array): Promise<void> {
		await this.#withScratchFile(async (path) => {
			await writeFile(path, parquet);
			await this.#run(
				`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`
			);
		});
	}

	async registerFile(name: string, data: Uint8Array): Promise<void> {
		const path = this.#registeredPath(name);
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, data);
	}

	async dropFile(name: string): Promise<void> {
		await rm(this.#registeredPath(name), { force: true });
	}

	/**
	 * Waits for the statements under way (a report runs its queries together: when one fails, the others are
	 * still running as its error reaches the caller, who closes the engine), then closes; a statement asked
	 * for afterwards fails with an error instead of reaching the closed connection.
	 */
	async close(): Promise<void> {
		this.#closed = true;
		await Promise.allSettled(this.#running);
		this.#conn.closeSync();
		this.#instance.closeSync();
		await rm(this.#root, { recursive: true, force: true });
	}

	#run(sql: string): Promise<DuckDBMaterializedResult> {
		if (this.#closed) return Promise.reject(new Error('The DuckDB engine is closed.'));
		const running = this.#conn.run(sql);
		this.#running.add(running);
		const settled = () => this.#running.delete(running);
		running.then(settled, settled);
		return running;
	}

	/** A registered name as a path inside the files folder; names that would climb out are refused. */
	#registeredPath(name: string): string {
		const path = resolve(this.#filesDir, name);
		const inside = relative(this.#filesDir, path);
		if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') {
			throw new Error(`Cannot register a file named ${JSON.stringify(name)}: it leaves the engine's folder`);
		}
		return path;
	}

	async #withScratchFile<T>(use: (path: string) => Promise<T>): Promise<T> {
		const path = join(this.#scratchDir, `${++this.#scratchCount}.parquet`);
		try {
			return await use(path);
		} finally {
			await rm(path, { force: true });
		}
	}
}

/** The name the wasm adapter reports for the same column (it sees DuckDB's types through Arrow). */
function sqlTypeName(type: DuckDBType): string {
	switch (type.typeId) {
		case DuckDBTypeId.TIMESTAMP_S:
		case DuckDBTypeId.TIMESTAMP_MS:
		case DuckDBTypeId.TIMESTAMP_NS:
			return 'TIMESTAMP';
		// DuckDB exports 128-bit integers to Arrow as decimals.
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
			return 'DECIMAL(38,0)';
		case DuckDBTypeId.UUID:
		case DuckDBTypeId.ENUM:
			return 'VARCHAR';
		default:
			return type.toString();
	}
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** node-api's JS values, adjusted to the wasm adapter's: safe BIGINTs as numbers, plain Uint8Arrays. */
const toSqlValue: DuckDBValueConverter<SqlValue> = (value, type, converter) => {
	const js = (JSDuckDBValueConverter as DuckDBValueConverter<SqlValue>)(value, type, converter);
	switch (type.typeId) {
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT: {
			const big = js as bigint | null;
			return big !== null && big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : big;
		}
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
			return js === null ? null : Number(js);
		case DuckDBTypeId.BLOB: {
			const bytes = js as Uint8Array | null;
			return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		}
		default:
			return js;
	}
};
