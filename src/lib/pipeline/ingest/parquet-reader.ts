import { tableFromIPC, Type, type Data, type Table, type Utf8 } from 'apache-arrow';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent } from '../../sql/sql-text';
import type { FillResult, RowReader } from './row-reader';
import type { RowStager } from './row-stager';
import { fillSql } from '../../sql/sql-template';
import stageParquetSql from './stage-parquet.sql?raw';

const PARQUET_TABLE = '_ingest_parquet';

/**
 * A Parquet raw file, already decoded to Arrow: DuckDB renders every column as text (its own casts, so
 * `12.50`, `2024-05-01 10:00:00`), and the rows then take the same checks as text formats' rows. A
 * rejected row's raw text is the row as a JSON object of those texts.
 */
export class ParquetReader implements RowReader {
	readonly #stager: RowStager;
	readonly #names: string[];
	readonly #columnOf: number[];
	readonly #batches: Data<Utf8>[][];
	#batch = 0;
	#index = 0;
	#rowNumber = 0;

	private constructor(stager: RowStager, names: string[], columnOf: number[], text: Table) {
		this.#stager = stager;
		this.#names = names;
		this.#columnOf = columnOf;
		this.#batches = text.batches.map((batch) =>
			names.map((_, i) => {
				const data = batch.data.children[i];
				if (data.type.typeId !== Type.Utf8) throw new Error(`DuckDB rendered a column as ${data.type}`);
				return data as Data<Utf8>;
			})
		);
	}

	static async open(sql: SqlEngine, arrowIPC: Uint8Array, stager: RowStager): Promise<ParquetReader> {
		const names = tableFromIPC(arrowIPC).schema.fields.map((field) => field.name);
		const columnOf = stager.fileColumns(names);
		await sql.loadArrowIPC(PARQUET_TABLE, arrowIPC);
		const columns = names.map((name) => `CAST(${quoteIdent(name)} AS VARCHAR) AS ${quoteIdent(name)}`);
		const text = tableFromIPC(
			await sql.queryArrowIPC(fillSql(stageParquetSql, { columns: columns.join(', ') }))
		);
		await sql.exec(`DROP TABLE ${PARQUET_TABLE}`);
		return new ParquetReader(stager, names, columnOf, text);
	}

	missingColumns(required: readonly string[]): string[] {
		const present = new Set(this.#names.map((name) => name.trim().toLowerCase()));
		return required.filter((name) => !present.has(name));
	}

	fill(): FillResult {
		const stager = this.#stager;
		while (!stager.full) {
			const columns = this.#batches[this.#batch];
			if (columns === undefined) return 'done';
			if (this.#index === (columns[0]?.length ?? 0)) {
				this.#batch++;
				this.#index = 0;
				continue;
			}
			const index = this.#index++;
			const rowNumber = ++this.#rowNumber;
			columns.forEach((data, i) => {
				const values = stager.columns[this.#columnOf[i]].values;
				if (!data.getValid(index)) return values.appendNull();
				const offsets = data.valueOffsets;
				values.append(data.values, offsets[data.offset + index], offsets[data.offset + index + 1]);
				values.endValue();
			});
			const problem = stager.endRow(rowNumber);
			if (problem !== null) stager.reject(rowNumber, problem, this.#rowAsJson(columns, index));
		}
		return 'chunk';
	}

	#rowAsJson(columns: Data<Utf8>[], index: number): string {
		const row: Record<string, string | null> = {};
		columns.forEach((data, i) => {
			const offsets = data.valueOffsets;
			const from = offsets[data.offset + index];
			row[this.#names[i]] = data.getValid(index)
				? decoder.decode(data.values.subarray(from, offsets[data.offset + index + 1]))
				: null;
		});
		return JSON.stringify(row);
	}
}

const decoder = new TextDecoder();
