import type { ParquetCodec } from '../../parquet/parquet-codec';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_REJECTS_TABLE, bronzeTable } from '../ingest/ingest-file';
import type { GoldStats, IngestResult, ManifestTable, SilverStats } from '../types';
import { bronzeBatchKey, bronzeRejectsKey, layerTableKey } from './lake-layout';
import type { RunOutputs } from './publish';
import { countRows, tableExists } from './sql-catalog';

/** One Parquet file a run publishes: the rows of a DuckDB table (or of one batch in it). */
export interface TableOutput {
	/** The manifest key, e.g. `gold/fact_sales`. */
	key: string;
	table: string;
	/** Only this raw file's rows (a Bronze batch); such an output is skipped when it has none. */
	sourceFile?: string;
}

/** What a run publishes: each new batch's Bronze and rejects, and every Silver and Gold table. */
export function runOutputs(ingested: IngestResult[], silver: SilverStats, gold: GoldStats): TableOutput[] {
	return [
		...ingested.flatMap(({ path, dataset, batch_id }) => [
			{ key: bronzeBatchKey(dataset, batch_id), table: bronzeTable(dataset), sourceFile: path },
			{ key: bronzeRejectsKey(dataset, batch_id), table: BRONZE_REJECTS_TABLE, sourceFile: path }
		]),
		...layerOutputs('silver', Object.keys(silver.tables), 'quarantine'),
		...layerOutputs('gold', Object.keys(gold.tables), 'orphans')
	];
}

/** Tables of rows held back or dropped, published beside the layer's tables under a `_` name. */
const EVIDENCE_TABLES = new Set(['quarantine', 'duplicates', 'orphans']);

/** `<layer>_<name>` → `<layer>/<name>` for every table the step reports, and its reject table. */
function layerOutputs(layer: 'silver' | 'gold', tables: string[], rejectTable: string): TableOutput[] {
	const names = new Set([...tables, rejectTable]);
	return [...names].map((name) => ({
		key: layerTableKey(layer, name, EVIDENCE_TABLES.has(name)),
		table: `${layer}_${name}`
	}));
}

/**
 * Writes each output as Parquet under the run's own file names (one table in memory at a time) and returns
 * the manifest's entries for them. `onStaged` hears the rows of each file written.
 */
export async function stageOutputs(
	sql: SqlEngine,
	codec: ParquetCodec,
	outputsOfRun: RunOutputs,
	outputs: TableOutput[],
	onStaged: (rows: number) => void
): Promise<Record<string, ManifestTable>> {
	const tables: Record<string, ManifestTable> = {};
	for (const { key, table, sourceFile } of outputs) {
		const isBatch = sourceFile !== undefined;
		if (isBatch && !(await tableExists(sql, table))) continue;
		const from = isBatch
			? `${quoteIdent(table)} WHERE _source_file = ${quoteLiteral(sourceFile)}`
			: quoteIdent(table);
		const rows = await countRows(sql, from);
		if (isBatch && rows === 0) continue;
		const parquet = await encodeRows(sql, codec, `SELECT * FROM ${from}`, rows);
		tables[key] = await outputsOfRun.writeTable(key, parquet, rows);
		onStaged(rows);
	}
	return tables;
}

/**
 * The query's rows as Parquet: written by the engine itself where it can (native DuckDB), else streamed
 * row group by row group where the engine and the codec can (the whole table is then never in memory at
 * once, in DuckDB's heap, in JS or in the codec's), else at once.
 */
async function encodeRows(
	sql: SqlEngine,
	codec: ParquetCodec,
	query: string,
	rows: number
): Promise<Uint8Array> {
	if (sql.queryParquet) return sql.queryParquet(query);
	if (rows > 0 && sql.queryArrowStreams && codec.encodeStreams) {
		return codec.encodeStreams(sql.queryArrowStreams(query));
	}
	return codec.encode(await sql.queryArrowIPC(query));
}
