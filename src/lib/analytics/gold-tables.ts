import type { SnapshotLeases } from '../lake/snapshot-leases';
import type { LakeManifest, ManifestTable } from '../pipeline/types';
import type { QueryOptions, QueryResult, SqlEngine } from '../sql/sql-engine';
import { DerivedTables } from '../sql/derived-tables';
import type { KeptAnswers } from '../sql/kept-answers';
import type { BetweenRowGroups } from '../sql/load-parquet';
import { withoutComments } from '../sql/sql-text';

/**
 * Loads one published lake Parquet file into a DuckDB table (replacing it). `file` is the manifest's entry
 * for it: a loader that can should check the bytes against its checksum (`readTableFile`). With `between`, it
 * calls it between row groups and resolves to false when that stopped it (see loadParquetTable).
 */
export type LoadParquet = (
	path: string,
	table: string,
	file?: ManifestTable,
	between?: BetweenRowGroups
) => Promise<unknown>;

/** The Gold tables an earlier build did not publish, made from tables it did once they are loaded (gold-compat.ts). */
export interface StandIns {
	/** The published tables `table` is made from; undefined for a table that is not a stand-in. */
	sourcesOf(table: string): string[] | undefined;
	/** Makes `table` from its loaded sources. */
	make(table: string): Promise<void>;
}

/** A Gold or Silver table's manifest key: `gold/fact_sales`, `silver/_quarantine` (held-back rows). */
const QUERYABLE_KEY = /^(gold|silver)\/_?([a-z0-9_]+)$/;
const QUERYABLE_NAME = /\b(?:gold|silver)_[a-z0-9_]+\b/gi;

/**
 * The name a published table goes by in SQL (the dashboards' and the SQL console's): `gold/fact_sales` →
 * `gold_fact_sales`, `silver/_quarantine` → `silver_quarantine`; null for keys that are not one table
 * (Bronze is kept per batch).
 */
export function publishedTableName(key: string): string | null {
	const match = QUERYABLE_KEY.exec(key);
	return match ? `${match[1]}_${match[2]}` : null;
}

/**
 * The published Gold (and Silver) tables, loaded from the published Parquet on first use: a query that names
 * `gold_fact_sales` waits for the file the manifest names for `gold/fact_sales` to be loaded, once per
 * published version, so a page only pays for the tables it reads. Every table comes from the manifest read
 * once and kept until `recheck()` (the reader's snapshot), so tables of two versions never meet; while it
 * loads, the reader holds its version (`leases`), so no cleanup removes its files. `recheck()` makes the
 * next query re-read the manifest (another tab may have published); `invalidate()`, after this engine ran
 * the pipeline over the tables, reloads them all; `adopt()`, after this engine published, keeps what it built.
 */
export class GoldTables {
	#sequence: number | null = null;
	#generation = 0;
	#loads = new Map<string, Promise<void>>();
	/** The background loads paused part-way, by table: what loads their remaining row groups, and for which generation. */
	#pausedLoads = new Map<string, { generation: number; rest: () => Promise<void> }>();
	#manifest: Promise<LakeManifest | null> | null = null;

	constructor(
		private readonly readManifest: () => Promise<LakeManifest | null>,
		private readonly loadParquet: LoadParquet,
		private readonly leases?: SnapshotLeases,
		private readonly standIns?: StandIns
	) {}

	/** The next query re-reads the manifest; tables stay loaded while it names the same version. */
	recheck(): void {
		this.#manifest = null;
	}

	/** Forgets what was loaded; the next query re-reads the manifest and reloads what it names. */
	invalidate(): void {
		this.#manifest = null;
		this.#sequence = null;
		this.#loads.clear();
		this.#generation++;
	}

	/**
	 * This engine's own run has just published `manifest`, and built every table it publishes in this
	 * engine under the names queries use: queries read those tables as they are, with no reload from the
	 * Parquet just written (live mode's batches depend on it). Another tab's later version still reloads.
	 */
	adopt(manifest: LakeManifest): void {
		this.#manifest = Promise.resolve(manifest);
		this.#sequence = manifest.sequence;
		this.#loads = new Map([...queryableTables(manifest).keys()].map((table) => [table, Promise.resolve()]));
		this.#generation++;
	}

	/**
	 * A run of this engine is about to rebuild (or remove) the tables: a background load paused part-way stops
	 * at its next row group instead of adding rows to the table the run builds under the same name.
	 */
	interruptLoads(): void {
		this.#generation++;
	}

	/** Counts the times the loaded tables were replaced (another version, or this engine's run): what is derived from them lasts one generation. */
	get generation(): number {
		return this.#generation;
	}

	/** The names queries may use for the published tables, in the manifest's order; none without Gold. */
	async tableNames(): Promise<string[]> {
		const manifest = await this.#published();
		return manifest ? [...queryableTables(manifest).keys()] : [];
	}

	/** Whether `table` is loaded, or being loaded by a request that will not stop part-way. */
	isLoaded(table: string): boolean {
		return this.#loads.has(table);
	}

	/** The published run whose Gold is (being) loaded; null before the first query or without Gold. */
	async runId(): Promise<string | null> {
		return (await this.#published())?.run_id ?? null;
	}

	/** The rows the published version's `table` holds, as its manifest says; null when it does not publish it. */
	async publishedRows(table: string): Promise<number | null> {
		const manifest = await this.#published();
		return (manifest && queryableTables(manifest).get(table)?.rows) ?? null;
	}

	/** The manifest of the version queries read (this reader's snapshot); null without Gold. */
	manifest(): Promise<LakeManifest | null> {
		return this.#published();
	}

	/**
	 * Loads every published Gold table `sqlText` names outside its comments that is not loaded yet. Should a
	 * file be gone because the lake moved on past this reader's version (a reader in another process holds no
	 * lease), the reader starts over once on the current version. With `pause` (a background request's), each table it loads
	 * calls it between row groups (see #loadPausing).
	 */
	async ensureFor(sqlText: string, pause?: () => Promise<void>): Promise<void> {
		const manifest = await this.#published();
		try {
			await this.#ensure(manifest, sqlText, pause);
		} catch (error) {
			this.recheck();
			const current = await this.#published();
			if (current?.sequence === manifest?.sequence) throw error;
			await this.#ensure(current, sqlText, pause);
		}
	}

	async #ensure(manifest: LakeManifest | null, sqlText: string, pause?: () => Promise<void>): Promise<void> {
		const mentioned = new Set(
			withoutComments(sqlText)
				.match(QUERYABLE_NAME)
				?.map((name) => name.toLowerCase())
		);
		if (mentioned.size === 0) return;
		if (!manifest) throw new NoGoldError();
		if (manifest.sequence !== this.#sequence) {
			this.#sequence = manifest.sequence;
			this.#loads.clear();
			this.#generation++;
		}
		const published = queryableTables(manifest);
		const named = [...mentioned].filter((table) => published.has(table));
		const standIns = [...mentioned].filter((table) => this.#canStandIn(table, published));
		const missing = [...named, ...standIns].filter((table) => !this.#loads.has(table));
		const load = () =>
			Promise.all([
				...named.map((table) => this.#load(table, published.get(table)!, pause)),
				...standIns.map((table) => this.#standIn(table, published))
			]);
		await (missing.length > 0 && this.leases ? this.leases.hold(manifest.sequence, load) : load());
	}

	#published(): Promise<LakeManifest | null> {
		this.#manifest ??= this.readManifest().catch((error) => {
			this.#manifest = null;
			throw error;
		});
		return this.#manifest;
	}

	/**
	 * Whether `table`, which the manifest lacks (an earlier build's Gold), can be made from tables it has or
	 * from other stand-ins.
	 */
	#canStandIn(table: string, published: Map<string, ManifestTable>): boolean {
		const sources = this.standIns?.sourcesOf(table);
		return (
			!published.has(table) &&
			!!sources?.every((source) => published.has(source) || this.#canStandIn(source, published))
		);
	}

	/** Loads (or makes) a stand-in's sources, then makes it from them, once per published version. */
	#standIn(table: string, published: Map<string, ManifestTable>): Promise<void> {
		return this.#once(table, async () => {
			const sources = this.standIns!.sourcesOf(table)!;
			await Promise.all(
				sources.map((source) => {
					const file = published.get(source);
					return file ? this.#load(source, file) : this.#standIn(source, published);
				})
			);
			await this.standIns!.make(table);
		});
	}

	#load(table: string, file: ManifestTable, pause?: () => Promise<void>): Promise<void> {
		const paused = this.#pausedLoads.get(table);
		if (paused?.generation === this.#generation && !this.#loads.has(table))
			return this.#once(table, paused.rest);
		if (!pause || this.#loads.has(table))
			return this.#once(table, () => this.loadParquet(file.path, table, file));
		return this.#loadPausing(table, file, pause);
	}

	/**
	 * A background request's load: it pauses between row groups so that the pages' requests run meanwhile
	 * (a table of 1M lines took 1.9–2.4 s in one piece), and it is listed as loaded only once whole. A page
	 * request that needs the table meanwhile loads the remaining row groups itself (`#pausedLoads`) instead
	 * of waiting for a load that waits for it; this one then stops, as it does when another version's tables
	 * replace the loaded ones.
	 */
	async #loadPausing(table: string, file: ManifestTable, pause: () => Promise<void>): Promise<void> {
		const generation = this.#generation;
		const goesOn: BetweenRowGroups = async (rest) => {
			this.#pausedLoads.set(table, { generation, rest });
			try {
				await pause();
			} finally {
				this.#pausedLoads.delete(table);
			}
			return this.#generation === generation && !this.#loads.has(table);
		};
		const whole = (await this.loadParquet(file.path, table, file, goesOn)) !== false;
		if (whole && this.#generation === generation && !this.#loads.has(table))
			this.#loads.set(table, Promise.resolve());
	}

	/** Runs `load` for `table` unless it ran (or runs) for the loaded version; a failed load is tried again next time. */
	#once(table: string, loadTable: () => Promise<unknown>): Promise<void> {
		let load = this.#loads.get(table);
		if (!load) {
			load = loadTable().then(
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

/** Table name → manifest entry of every Gold and Silver table the manifest publishes. */
function queryableTables(manifest: LakeManifest): Map<string, ManifestTable> {
	const tables = new Map<string, ManifestTable>();
	for (const [key, file] of Object.entries(manifest.tables)) {
		const name = publishedTableName(key);
		if (name) tables.set(name, file);
	}
	return tables;
}

/**
 * A SqlEngine whose queries first load the Gold tables they name (see GoldTables), and whose derived tables
 * last while the loaded Gold does.
 */
export function withGoldTables(sql: SqlEngine, gold: GoldTables): SqlEngine {
	const derived = new DerivedTables(sql);
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
		derivedTable: async (select: string) => {
			await gold.ensureFor(select);
			return derived.table(select, gold.generation);
		},
		loadArrowIPC: (table, ipc) => sql.loadArrowIPC(table, ipc),
		registerFile: (name, data) => sql.registerFile(name, data),
		dropFile: (name) => sql.dropFile(name),
		close: () => sql.close()
	};
}

/**
 * `sql` (a `withGoldTables` engine over `gold`) for a background request: the Gold tables its statements name
 * load pausing between row groups (`pause`, the request's), so a page's request waits for one row group at
 * most, not a whole table.
 */
export function withPausingLoads(sql: SqlEngine, gold: GoldTables, pause: () => Promise<void>): SqlEngine {
	const loadedFirst =
		<A extends unknown[], R>(run: (text: string, ...rest: A) => Promise<R>) =>
		async (text: string, ...rest: A): Promise<R> => {
			await gold.ensureFor(text, pause);
			return run(text, ...rest);
		};
	return {
		...sql,
		exec: loadedFirst((text) => sql.exec(text)),
		query: loadedFirst((text, options?: QueryOptions) => sql.query(text, options)),
		queryArrowIPC: loadedFirst((text) => sql.queryArrowIPC(text)),
		derivedTable: sql.derivedTable && loadedFirst((select) => sql.derivedTable!(select))
	};
}

/**
 * `sql` (a `withGoldTables` engine over `gold`) whose plain queries are answered from `answers` while the
 * loaded Gold stays the same: for queries that read nothing but the data (the dashboards' KPI queries).
 */
export function withKeptAnswers(sql: SqlEngine, gold: GoldTables, answers: KeptAnswers): SqlEngine {
	return {
		...sql,
		query: async (text: string, options?: QueryOptions): Promise<QueryResult> => {
			if (options) return sql.query(text, options);
			// The tables first: the version they are loaded from decides which answers still hold.
			await gold.ensureFor(text);
			return answers.answer(text, gold.generation, () => sql.query(text));
		}
	};
}
