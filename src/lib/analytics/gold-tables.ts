import type { LakeManifest } from '../pipeline/types';
import type { QueryOptions, QueryResult, SqlEngine } from '../sql/sql-engine';

/** Loads one published lake Parquet file into a DuckDB table (replacing it). */
export type LoadParquet = (path: string, table: string) => Promise<unknown>;

/** `gold/fact_sales` (a manifest key) → `gold_fact_sales` (its table while dashboards query it). */
const GOLD_KEY = /^gold\/([a-z0-9_]+)$/;
const GOLD_TABLE_NAME = /\bgold_[a-z0-9_]+\b/g;

/**
 * The Gold tables the dashboards query, loaded from the published Parquet on first use: a query that names
 * `gold_fact_sales` waits for `gold/fact_sales.parquet` to be loaded, once per published version, so a page
 * only pays for the tables it reads. `recheck()` makes the next query re-read the manifest (another tab may
 * have published); `invalidate()`, after this engine ran the pipeline over the tables, reloads them all.
 */
export class GoldTables {
	#runId: string | null = null;
	#loads = new Map<string, Promise<void>>();
	#manifest: Promise<LakeManifest | null> | null = null;

	constructor(
		private readonly readManifest: () => Promise<LakeManifest | null>,
		private readonly loadParquet: LoadParquet
	) {}

	/** The next query re-reads the manifest; tables stay loaded while it names the same run. */
	recheck(): void {
		this.#manifest = null;
	}

	/** Forgets what was loaded; the next query re-reads the manifest and reloads what it names. */
	invalidate(): void {
		this.#manifest = null;
		this.#runId = null;
		this.#loads.clear();
	}

	/** The published run whose Gold is (being) loaded; null before the first query or without Gold. */
	async runId(): Promise<string | null> {
		return (await this.#published())?.run_id ?? null;
	}

	/** Loads every published Gold table `sqlText` names that is not loaded yet. */
	async ensureFor(sqlText: string): Promise<void> {
		const manifest = await this.#published();
		if (!manifest) throw new NoGoldError();
		if (manifest.run_id !== this.#runId) {
			this.#runId = manifest.run_id;
			this.#loads.clear();
		}
		const published = goldTables(manifest);
		const named = new Set(sqlText.match(GOLD_TABLE_NAME) ?? []);
		await Promise.all(
			[...named]
				.filter((table) => published.has(table))
				.map((table) => this.#load(table, published.get(table)!))
		);
	}

	#published(): Promise<LakeManifest | null> {
		this.#manifest ??= this.readManifest().catch((error) => {
			this.#manifest = null;
			throw error;
		});
		return this.#manifest;
	}

	#load(table: string, path: string): Promise<void> {
		let load = this.#loads.get(table);
		if (!load) {
			load = this.loadParquet(path, table).then(
				() => undefined,
				(error) => {
					this.#loads.delete(table);
					throw error;
				}
			);
			this.#loads.set(table, load);
		}
		return load;
	}
}

/** Thrown when the lake has no published Gold yet. */
export class NoGoldError extends Error {
	override name = 'NoGoldError';

	constructor() {
		super('The lake has no Gold tables yet: generate or import data, then run the pipeline.');
	}
}

/** Table name → Parquet path of every Gold table the manifest publishes. */
function goldTables(manifest: LakeManifest): Map<string, string> {
	const tables = new Map<string, string>();
	for (const key of Object.keys(manifest.tables)) {
		const match = GOLD_KEY.exec(key);
		if (match) tables.set(`gold_${match[1]}`, `${key}.parquet`);
	}
	return tables;
}

/** A SqlEngine whose queries first load the Gold tables they name (see GoldTables). */
export function withGoldTables(sql: SqlEngine, gold: GoldTables): SqlEngine {
	return {
		exec: async (text: string) => {
			await gold.ensureFor(text);
			return sql.exec(text);
		},
		query: async (text: string, options?: QueryOptions): Promise<QueryResult> => {
			await gold.ensureFor(text);
			return sql.query(text, options);
		},
		queryArrowIPC: async (text: string) => {
			await gold.ensureFor(text);
			return sql.queryArrowIPC(text);
		},
		loadArrowIPC: (table, ipc) => sql.loadArrowIPC(table, ipc),
		registerFile: (name, data) => sql.registerFile(name, data),
		dropFile: (name) => sql.dropFile(name),
		close: () => sql.close()
	};
}
