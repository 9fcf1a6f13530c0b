import type { Vector } from 'apache-arrow';
import { BRONZE_LINEAGE_COLUMNS, type BronzeType, type ContractColumn } from '../contracts';
import { typedVector } from './typed-vectors';
import { UnreadableFileError } from './unreadable-file';
import { Utf8Column } from './utf8-column';
import { VALUE_CHECKS, type ValueCheck } from './value-checks';

/** A raw row that did not make it into Bronze. */
export interface RejectedRow {
	rowNumber: number;
	reason: string;
	rawText: string;
}

export interface StagedColumn {
	name: string;
	type: BronzeType;
	required: boolean;
	values: Utf8Column;
	check: ValueCheck | null;
	expected: string;
}

const RESERVED_NAMES = new Set<string>(BRONZE_LINEAGE_COLUMNS.map((column) => column.name));

/**
 * A chunk of one raw file's rows on their way to Bronze: readers write each row's values as raw text
 * into string columns (the contract's, then the file's extra ones), and `endRow` checks them against the
 * contract, keeping the row or rolling it back. The kept rows leave as Arrow vectors of their Bronze
 * types, so no JS object is made per row.
 */
export class RowStager {
	readonly columns: StagedColumn[] = [];
	readonly #byName = new Map<string, number>();
	readonly #rowNumbers: Int32Array;
	readonly #contractSize: number;
	/** The columns whose values need a look at the end of each row. */
	readonly #checked: StagedColumn[];
	#rows = 0;
	/** Rejected rows of the current chunk. */
	rejects: RejectedRow[] = [];
	/** Totals over the whole file. */
	accepted = 0;
	rejected = 0;
	/** The file's first rejected row, for a message about the file. */
	firstReject: RejectedRow | null = null;

	/**
	 * A chunk ends at `capacity` rows or once its reader has consumed `chunkBytes` of the file, which
	 * bounds memory (a chunk is held about three times over: staged, as Arrow IPC, and by DuckDB).
	 * `fileBytes` sizes the columns' first buffers.
	 */
	constructor(
		contract: readonly ContractColumn[],
		readonly capacity: number,
		readonly chunkBytes: number,
		fileBytes: number
	) {
		this.#rowNumbers = new Int32Array(capacity);
		this.#contractSize = contract.length;
		const columnBytes = Math.ceil(Math.min(chunkBytes, fileBytes) / contract.length);
		for (const { name, type, required } of contract) this.#add(name, type, required, columnBytes);
		this.#checked = this.columns.filter((column) => column.required || column.check !== null);
	}

	/** Rows kept in the current chunk. */
	get rows(): number {
		return this.#rows;
	}

	get full(): boolean {
		return this.#rows === this.capacity;
	}

	/** The file's extra columns seen so far (not in the contract), as they will be named in Bronze. */
	extraColumns(): string[] {
		return this.columns.slice(this.#contractSize).map((column) => column.name);
	}

	/** The column a raw column or key maps to (case-insensitively, trimmed); -1 when none. */
	columnIndex(name: string): number {
		return this.#byName.get(columnKey(name)) ?? -1;
	}

	/**
	 * The column for a raw column or key, adding it as an extra VARCHAR column when it is new; -1 when the
	 * name cannot be a column (empty, or a lineage column's).
	 */
	columnFor(name: string): number {
		const index = this.columnIndex(name);
		if (index >= 0) return index;
		const trimmed = name.trim();
		if (trimmed === '' || RESERVED_NAMES.has(trimmed.toLowerCase())) return -1;
		const added = this.#add(trimmed, 'VARCHAR', false, 0);
		for (let row = 0; row < this.#rows; row++) this.columns[added].values.appendNull();
		return added;
	}

	/**
	 * The columns for a file's own column names (a CSV header, a Parquet schema), in order; throws an
	 * `UnreadableFileError` when a name cannot be a column or two names are the same column.
	 */
	fileColumns(names: string[]): number[] {
		const columns = names.map((name) => {
			const column = this.columnFor(name);
			if (column >= 0) return column;
			throw new UnreadableFileError(`The file has an unusable column name ${JSON.stringify(name)}.`);
		});
		const duplicate = columns.findIndex((column, i) => columns.indexOf(column) !== i);
		if (duplicate >= 0) throw new UnreadableFileError(`The file has the column "${names[duplicate]}" twice.`);
		return columns;
	}

	/**
	 * Ends the row whose values were written: absent values are NULL; the row is kept when every value
	 * passes its column's check, else rolled back. Returns null when kept, else why not.
	 */
	endRow(rowNumber: number): string | null {
		const row = this.#rows;
		const columns = this.columns;
		for (let i = 0; i < columns.length; i++) {
			if (columns[i].values.length === row) columns[i].values.appendNull();
		}
		const checked = this.#checked;
		for (let i = 0; i < checked.length; i++) {
			if (!isValid(checked[i], row)) return this.#rejectRow(row);
		}
		this.#rowNumbers[this.#rows++] = rowNumber;
		this.accepted++;
		return null;
	}

	/** Rolls the row back; returns every problem it has. */
	#rejectRow(row: number): string {
		const problems = this.#checked
			.map((column) => valueProblem(column, row))
			.filter((problem) => problem !== null);
		this.abandonRow();
		return problems.join('; ');
	}

	/** Drops the values written for the row in progress. */
	abandonRow(): void {
		for (const { values } of this.columns) values.truncate(this.#rows);
	}

	reject(rowNumber: number, reason: string, rawText: string): void {
		const row = { rowNumber, reason, rawText };
		this.rejects.push(row);
		this.firstReject ??= row;
		this.rejected++;
	}

	/** The kept rows of the chunk, column by column in their Bronze types. */
	vectors(): [name: string, values: Vector][] {
		return this.columns.map(({ name, type, values }) => [name, typedVector(type, values)]);
	}

	/** The kept rows' row numbers, a view valid until `clear`. */
	rowNumbers(): Int32Array {
		return this.#rowNumbers.subarray(0, this.#rows);
	}

	/** Starts the next chunk. */
	clear(): void {
		for (const { values } of this.columns) values.reset();
		this.#rows = 0;
		this.rejects = [];
	}

	#add(name: string, type: BronzeType, required: boolean, initialBytes: number): number {
		const { check, expected } = VALUE_CHECKS[type];
		this.columns.push({ name, type, required, values: new Utf8Column(initialBytes), check, expected });
		this.#byName.set(columnKey(name), this.columns.length - 1);
		return this.columns.length - 1;
	}
}

function columnKey(name: string): string {
	return name.trim().toLowerCase();
}

function isValid({ values, check, required }: StagedColumn, row: number): boolean {
	if (values.isNull(row)) return !required;
	return check === null || check(values.bytes, values.offsetOf(row), values.offsetOf(row + 1));
}

function valueProblem(column: StagedColumn, row: number): string | null {
	if (isValid(column, row)) return null;
	const { values } = column;
	if (values.isNull(row)) return `${column.name}: required value is missing`;
	const text = decoder.decode(values.bytes.subarray(values.offsetOf(row), values.offsetOf(row + 1)));
	return `${column.name}: ${JSON.stringify(text)} ${column.expected}`;
}

const decoder = new TextDecoder();
