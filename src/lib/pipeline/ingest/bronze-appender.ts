import {
	Dictionary,
	Int32,
	Int64,
	makeData,
	makeVector,
	TimestampMicrosecond,
	Utf8,
	vectorFromArray,
	type Vector
} from 'apache-arrow';
import type { RawDataset } from '../../contracts/raw-contracts';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_LINEAGE_COLUMNS, RAW_CONTRACTS } from '../../contracts/raw-contracts';
import { arrowStream } from './arrow-stream';
import appendBronzeSql from './append-bronze.sql?raw';
import appendRejectsSql from './append-rejects.sql?raw';
import bronzeColumnsSql from './bronze-columns.sql?raw';
import createBronzeRejectsSql from './create-bronze-rejects.sql?raw';
import createBronzeTableSql from './create-bronze-table.sql?raw';
import rebuildBronzeTableSql from './rebuild-bronze-table.sql?raw';
import type { RejectedRow, RowStager } from './row-stager';
import { fillSql } from '../../sql/sql-template';

export const BRONZE_REJECTS_TABLE = 'bronze_rejects';
const STAGING_TABLE = '_ingest_staging';
const REJECTS_TABLE = '_ingest_rejects';

/** The DuckDB table holding a dataset's Bronze rows. */
export function bronzeTable(dataset: RawDataset): string {
	return `bronze_${dataset}`;
}

/** Takes one raw file's rows out of the engine's Bronze (its table and the rejects); returns how many. */
export async function removeRawFileRows(
	sql: SqlEngine,
	dataset: RawDataset,
	sourceFile: string
): Promise<number> {
	let removed = 0;
	for (const table of [bronzeTable(dataset), BRONZE_REJECTS_TABLE]) {
		const { rows } = await sql.query(
			`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ${quoteLiteral(table)}`
		);
		if (Number(rows[0].n) === 0) continue;
		const where = `WHERE _source_file = ${quoteLiteral(sourceFile)}`;
		const counted = await sql.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)} ${where}`);
		removed += Number(counted.rows[0].n);
		await sql.exec(`DELETE FROM ${quoteIdent(table)} ${where}`);
	}
	return removed;
}

/** Where the rows of one raw file come from, stamped on each of them. */
export interface Lineage {
	dataset: RawDataset;
	batchId: string;
	sourceFile: string;
	/** `YYYY-MM-DD HH:MM:SS`. */
	ingestedAt: string;
}

const LINEAGE_NAMES = new Set<string>(BRONZE_LINEAGE_COLUMNS.map((column) => column.name));

/**
 * Appends one raw file's staged chunks to `bronze_<dataset>` and its rejects to `bronze_rejects`. The
 * table's first rows create it straight from their Arrow vectors (whose types are the contract's), which
 * spares DuckDB a copy; later chunks go through a staging table. A new extra column is added before the
 * lineage columns, NULL for earlier rows.
 */
export class BronzeAppender {
	readonly #sql: SqlEngine;
	readonly #table: string;
	readonly #lineage: Lineage;
	readonly #ingestedAtMicros: bigint;
	/** The table's columns; null while it does not exist. */
	#columns: string[] | null;

	private constructor(sql: SqlEngine, lineage: Lineage, columns: string[] | null) {
		this.#sql = sql;
		this.#table = bronzeTable(lineage.dataset);
		this.#lineage = lineage;
		this.#ingestedAtMicros = timestampMicros(lineage.ingestedAt);
		this.#columns = columns;
	}

	static async open(sql: SqlEngine, lineage: Lineage): Promise<BronzeAppender> {
		await sql.exec(createBronzeRejectsSql);
		const table = quoteLiteral(bronzeTable(lineage.dataset));
		const { rows } = await sql.query(fillSql(bronzeColumnsSql, { table }));
		const columns = rows.map((row) => String(row.column_name));
		return new BronzeAppender(sql, lineage, columns.length > 0 ? columns : null);
	}

	/** Appends the stager's chunk (kept rows and rejects), then clears it for the next one. */
	async append(stager: RowStager): Promise<void> {
		if (stager.rows > 0) await this.#appendRows(stager);
		if (stager.rejects.length > 0) {
			await this.#sql.loadArrowIPC(REJECTS_TABLE, rejectsIPC(stager.rejects));
			await this.#sql.exec(fillSql(appendRejectsSql, this.#literals()));
		}
		stager.clear();
	}

	/** Creates the table if no row of the file created it, and drops the staging tables. */
	async close(): Promise<void> {
		if (this.#columns === null) {
			const columns = [...RAW_CONTRACTS[this.#lineage.dataset], ...BRONZE_LINEAGE_COLUMNS].map(
				({ name, type }) => `${quoteIdent(name)} ${type}`
			);
			const table = quoteIdent(this.#table);
			await this.#sql.exec(fillSql(createBronzeTableSql, { table, columns: columns.join(', ') }));
		}
		await this.#sql.exec(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
		await this.#sql.exec(`DROP TABLE IF EXISTS ${REJECTS_TABLE}`);
	}

	async #appendRows(stager: RowStager): Promise<void> {
		const columns = [...stager.vectors(), ...this.#lineageVectors(stager.rowNumbers())];
		const ipc = arrowStream(columns);
		if (this.#columns === null) {
			await this.#sql.loadArrowIPC(this.#table, ipc);
			this.#columns = columns.map(([name]) => name);
			return;
		}
		const names = columns.map(([name]) => name);
		if (this.#sql.appendArrowIPC && sameNames(names, this.#columns)) {
			await this.#sql.appendArrowIPC(this.#table, ipc);
			return;
		}
		const known = new Set(this.#columns.map((name) => name.toLowerCase()));
		const added = stager.extraColumns().filter((name) => !known.has(name.toLowerCase()));
		if (added.length > 0) await this.#addColumns(added);
		await this.#sql.loadArrowIPC(STAGING_TABLE, ipc);
		await this.#sql.exec(fillSql(appendBronzeSql, { table: quoteIdent(this.#table) }));
	}

	#lineageVectors(rowNumbers: Int32Array): [string, Vector][] {
		const length = rowNumbers.length;
		const rowNumberWords = new Int32Array(2 * length);
		for (let i = 0; i < length; i++) rowNumberWords[2 * i] = rowNumbers[i];
		const timestamps = new BigInt64Array(length).fill(this.#ingestedAtMicros);
		return [
			['_batch_id', constantText(this.#lineage.batchId, length)],
			['_source_file', constantText(this.#lineage.sourceFile, length)],
			[
				'_row_number',
				makeVector(makeData({ type: new Int64(), length, data: new BigInt64Array(rowNumberWords.buffer) }))
			],
			['_ingested_at', makeVector(makeData({ type: new TimestampMicrosecond(), length, data: timestamps }))]
		];
	}

	#literals(): Record<'dataset' | 'batch_id' | 'source_file' | 'ingested_at', string> {
		const { dataset, batchId, sourceFile, ingestedAt } = this.#lineage;
		return {
			dataset: quoteLiteral(dataset),
			batch_id: quoteLiteral(batchId),
			source_file: quoteLiteral(sourceFile),
			ingested_at: `CAST(${quoteLiteral(ingestedAt)} AS TIMESTAMP)`
		};
	}

	async #addColumns(names: string[]): Promise<void> {
		const kept = (this.#columns ?? []).filter((name) => !LINEAGE_NAMES.has(name));
		const lineage = BRONZE_LINEAGE_COLUMNS.map((column) => column.name);
		const columns = [
			...kept.map(quoteIdent),
			...names.map((name) => `CAST(NULL AS VARCHAR) AS ${quoteIdent(name)}`),
			...lineage.map(quoteIdent)
		];
		await this.#sql.exec(
			fillSql(rebuildBronzeTableSql, { table: quoteIdent(this.#table), columns: columns.join(', ') })
		);
		this.#columns = [...kept, ...names, ...lineage];
	}
}

/** Whether a chunk's columns are the table's, in its order (then its rows can be appended as they are). */
function sameNames(chunk: string[], table: string[]): boolean {
	return chunk.length === table.length && chunk.every((name, i) => name === table[i]);
}

/** A column holding one text on every row, as a one-entry dictionary. */
function constantText(text: string, length: number): Vector {
	const dictionary = vectorFromArray([text], new Utf8());
	return makeVector(
		makeData({
			type: new Dictionary(new Utf8(), new Int32()),
			length,
			data: new Int32Array(length),
			dictionary
		})
	);
}

/** Microseconds since the epoch of a `YYYY-MM-DD HH:MM:SS` (UTC, as DuckDB's TIMESTAMP reads it). */
function timestampMicros(text: string): bigint {
	const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
	const ms = match ? Date.parse(`${match[1]}T${match[2]}Z`) : NaN;
	if (Number.isNaN(ms)) {
		throw new Error(`ingestedAt must be "YYYY-MM-DD HH:MM:SS", not ${JSON.stringify(text)}`);
	}
	return BigInt(ms) * 1000n;
}

function rejectsIPC(rejects: RejectedRow[]): Uint8Array {
	const texts = (values: string[]) => vectorFromArray(values, new Utf8());
	return arrowStream([
		['_row_number', makeVector(Int32Array.from(rejects, ({ rowNumber }) => rowNumber))],
		['reason', texts(rejects.map(({ reason }) => reason))],
		['raw_text', texts(rejects.map(({ rawText }) => rawText))]
	]);
}
