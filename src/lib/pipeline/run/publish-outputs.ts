import type { ParquetCodec } from '../../parquet/parquet-codec';
import {
	EncoderStoppedError,
	inlineParquetEncoder,
	type EncodingParquet,
	type ParquetEncoder
} from '../../parquet/parquet-encoder';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_REJECTS_TABLE, bronzeTable } from '../ingest/ingest-file';
import type { GoldStats, IngestResult, ManifestTable, SilverStats } from '../types';
import { bronzeBatchKey, bronzeRejectsKey, layerTableKey } from './lake-layout';
import type { RunOutputs } from './publish';
import { arrowExportQuery } from './arrow-export-query';
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
 * Writes each output as Parquet under the run's own file names. Outputs are exported one after another;
 * with an encoder on another thread, an output's export overlaps the encoding of those before it (at most
 * the encoder's window of Arrow waits for it), and the caller may go on once the last is handed over:
 * `written` gives the manifest's entries once every file is written (or the first failure once every
 * write has ended). `onStaged` hears the rows of each file written.
 */
export async function stageOutputs(
	sql: SqlEngine,
	{ codec, encoder }: { codec: ParquetCodec; encoder: ParquetEncoder },
	outputsOfRun: RunOutputs,
	outputs: TableOutput[],
	onStaged: (rows: number) => void
): Promise<{ written: Promise<Record<string, ManifestTable>> }> {
	const staging: Promise<[string, ManifestTable]>[] = [];
	try {
		for (const { key, table, sourceFile } of outputs) {
			const isBatch = sourceFile !== undefined;
			if (isBatch && !(await tableExists(sql, table))) continue;
			const from = isBatch
				? `${quoteIdent(table)} WHERE _source_file = ${quoteLiteral(sourceFile)}`
				: quoteIdent(table);
			const rows = await countRows(sql, from);
			if (isBatch && rows === 0) continue;
			const { parquet } = await encodeRows(sql, codec, encoder, { table, from }, rows);
			const file = parquet.then(async (bytes): Promise<[string, ManifestTable]> => {
				const entry = await outputsOfRun.writeTable(key, bytes, rows);
				onStaged(rows);
				return [key, entry];
			});
			// Settled below; a failure meanwhile must not surface as an unhandled rejection.
			file.catch(() => {});
			staging.push(file);
		}
	} catch (error) {
		// Every write has ended before the run may remove what it wrote.
		await Promise.allSettled(staging);
		throw error;
	}
	const written = Promise.allSettled(staging).then((results) => {
		const failed = results.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
		return Object.fromEntries(
			results.map((result) => (result as PromiseFulfilledResult<[string, ManifestTable]>).value)
		);
	});
	written.catch(() => {});
	return { written };
}

/**
 * The rows handed over to the encoder, and exported again to be encoded on this thread should the encoder's
 * worker stop while it holds them (the streams it was handed went with it).
 */
async function encodeRows(
	sql: SqlEngine,
	codec: ParquetCodec,
	encoder: ParquetEncoder,
	source: { table: string; from: string },
	rows: number
): Promise<EncodingParquet> {
	const again = async () => (await submitRows(sql, codec, inlineParquetEncoder(codec), source, rows)).parquet;
	const stopped = (error: unknown) => error instanceof EncoderStoppedError;
	try {
		const { parquet } = await submitRows(sql, codec, encoder, source, rows);
		return { parquet: parquet.catch((error) => (stopped(error) ? again() : Promise.reject(error))) };
	} catch (error) {
		if (stopped(error)) return { parquet: Promise.resolve(await again()) };
		throw error;
	}
}

/**
 * Hands the query's rows over to become Parquet: written by the engine itself where it can (native DuckDB),
 * else streamed row group by row group to the encoder where the engine can (the whole table is then never
 * in memory at once, in DuckDB's heap, in JS or in the codec's), else at once.
 */
async function submitRows(
	sql: SqlEngine,
	codec: ParquetCodec,
	encoder: ParquetEncoder,
	{ table, from }: { table: string; from: string },
	rows: number
): Promise<EncodingParquet> {
	const query = `SELECT * FROM ${from}`;
	if (sql.queryParquet) return { parquet: Promise.resolve(await sql.queryParquet(query)) };
	if (rows > 0 && sql.queryArrowStreams)
		return encoder.submit(sql.queryArrowStreams(await arrowExportQuery(sql, table, from)));
	// No rows: the one stream carries only the schema, which the codec writes as an empty file.
	return { parquet: Promise.resolve(codec.encode(await sql.queryArrowIPC(query))) };
}
