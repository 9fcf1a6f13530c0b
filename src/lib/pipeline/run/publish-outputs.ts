import type { ParquetCodec } from '../../parquet/parquet-codec';
import type { ParquetEncoder } from '../../parquet/parquet-encoder';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_REJECTS_TABLE, bronzeTable } from '../ingest/ingest-file';
import type { GoldStats, IngestResult, ManifestTable, SilverStats } from '../types';
import { bronzeBatchPath, bronzeRejectsPath, layerTablePath, manifestKey } from './lake-layout';
import type { StagedRun } from './publish';
import { countRows, tableExists } from './sql-catalog';

/** One Parquet file a run publishes: the rows of a DuckDB table (or of one batch in it). */
export interface TableOutput {
	path: string;
	table: string;
	/** Only this raw file's rows (a Bronze batch); such an output is skipped when it has none. */
	sourceFile?: string;
	/** The rows the step reported for the table (Silver, Gold): the biggest are encoded first at the end. */
	rows?: number;
}

/** What a run publishes: each new batch's Bronze and rejects, and every Silver and Gold table. */
export function runOutputs(ingested: IngestResult[], silver: SilverStats, gold: GoldStats): TableOutput[] {
	return [...bronzeOutputs(ingested), ...silverOutputs(silver), ...goldOutputs(gold)];
}

/** Each batch's Bronze rows and its rejects. */
export function bronzeOutputs(ingested: IngestResult[]): TableOutput[] {
	return ingested.flatMap(({ path, dataset, batch_id }) => [
		{ path: bronzeBatchPath(dataset, batch_id), table: bronzeTable(dataset), sourceFile: path },
		{ path: bronzeRejectsPath(dataset, batch_id), table: BRONZE_REJECTS_TABLE, sourceFile: path }
	]);
}

export function silverOutputs(silver: SilverStats): TableOutput[] {
	return layerOutputs('silver', silver.tables, 'quarantine');
}

export function goldOutputs(gold: GoldStats): TableOutput[] {
	return layerOutputs('gold', gold.tables, 'orphans');
}

/** Tables of rows held back or dropped, published beside the layer's tables under a `_` name. */
const EVIDENCE_TABLES = new Set(['quarantine', 'duplicates', 'orphans']);

/** `<layer>_<name>` → `<layer>/<name>.parquet` for every table the step reports, and its reject table. */
function layerOutputs(
	layer: 'silver' | 'gold',
	tables: Record<string, number>,
	rejectTable: string
): TableOutput[] {
	const names = new Set([...Object.keys(tables), rejectTable]);
	return [...names].map((name) => ({
		path: layerTablePath(layer, name, EVIDENCE_TABLES.has(name)),
		table: `${layer}_${name}`,
		rows: tables[name]
	}));
}

/** What stopped the staging: the run failed or was cancelled. */
export class StagingStopped extends Error {}

/** An output that could not be staged, and why. */
export class StagingFailed extends Error {
	constructor(
		readonly path: string,
		cause: unknown
	) {
		super(`Could not stage ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
	}
}

/**
 * Writes outputs as Parquet into the run's staging folder and keeps the manifest's entries for them.
 * `stage` only queues: a lane on `encoder` works through the queue, one output at a time, while the caller
 * does other things, which is how a worker encoder overlaps the engine's next steps (an output must be
 * final when it is queued). `finish` waits for the queue to empty, with a second lane on `helper` (inline
 * on the engine thread, idle by then) taking outputs too; the first failure stops the rest, is kept
 * (`failure`) and rethrown by `finish`. `onStaged` hears the rows of each file written.
 */
export class OutputStager {
	readonly #tables: Record<string, ManifestTable> = {};
	readonly #queued: TableOutput[] = [];
	readonly #lanes = new Set<Promise<void>>();
	/** Lanes still taking outputs (a lane that found the queue empty no longer counts, even before it settles). */
	#working = 0;
	#failure: StagingFailed | StagingStopped | null = null;

	constructor(
		private readonly sql: SqlEngine,
		private readonly codec: ParquetCodec,
		private readonly encoder: ParquetEncoder,
		private readonly staging: StagedRun,
		private readonly onStaged: (rows: number) => void
	) {}

	/** Whether outputs are queued or being written. */
	get busy(): boolean {
		return this.#queued.length > 0 || this.#working > 0;
	}

	/** Why staging ended early (null while it has not). */
	get failure(): StagingFailed | StagingStopped | null {
		return this.#failure;
	}

	stage(outputs: TableOutput[]): void {
		this.#queued.push(...outputs);
		if (this.#working === 0) this.#lane(this.encoder);
	}

	/** The manifest's entries for every output staged, once all are; rejects with the first failure. */
	async finish(helper?: ParquetEncoder): Promise<Record<string, ManifestTable>> {
		if (this.#queued.length > 0 && helper) {
			// Two lanes from here: the biggest tables first, so that neither is left alone with one at the end.
			this.#queued.sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0));
			this.#lane(helper);
		}
		while (this.#lanes.size > 0) await Promise.all(this.#lanes);
		if (this.#failure) throw this.#failure;
		return this.#tables;
	}

	/**
	 * Stops staging: nothing more is encoded or written (an encoding in progress is abandoned through
	 * `encoder.close()`). Resolves once nothing is being written any more, so the staging folder can go.
	 */
	async stop(): Promise<void> {
		this.#failure ??= new StagingStopped('Staging the outputs was stopped');
		this.encoder.close();
		while (this.#lanes.size > 0) await Promise.all(this.#lanes);
	}

	#lane(encoder: ParquetEncoder): void {
		this.#working++;
		const lane = (async () => {
			for (let output = this.#queued.shift(); output && !this.#failure; output = this.#queued.shift()) {
				try {
					await this.#stageOne(output, encoder);
				} catch (error) {
					this.#failure ??= new StagingFailed(output.path, error);
				}
			}
			this.#working--;
		})();
		this.#lanes.add(lane);
		void lane.finally(() => this.#lanes.delete(lane));
	}

	async #stageOne({ path, table, sourceFile }: TableOutput, encoder: ParquetEncoder): Promise<void> {
		const { sql } = this;
		const isBatch = sourceFile !== undefined;
		if (isBatch && !(await tableExists(sql, table))) return;
		const from = isBatch
			? `${quoteIdent(table)} WHERE _source_file = ${quoteLiteral(sourceFile)}`
			: quoteIdent(table);
		const rows = await countRows(sql, from);
		if (isBatch && rows === 0) return;
		const parquet = await this.#encode(encoder, `SELECT * FROM ${from}`, rows);
		if (this.#failure) return;
		await this.staging.write(path, parquet);
		this.#tables[manifestKey(path)] = { path, rows, bytes: parquet.byteLength };
		this.onStaged(rows);
	}

	/**
	 * The query's rows as Parquet: streamed row group by row group where the engine can (the whole table
	 * is then never in memory at once, in DuckDB's heap, in JS or in the codec's), else at once, inline.
	 */
	async #encode(encoder: ParquetEncoder, query: string, rows: number): Promise<Uint8Array> {
		if (rows > 0 && this.sql.queryArrowStreams) return encoder.encode(this.sql.queryArrowStreams(query));
		return this.codec.encode(await this.sql.queryArrowIPC(query));
	}
}
