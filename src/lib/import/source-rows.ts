import { formatInt } from '../format/number';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DelimitedParser, REJECT_TEXT_CHARS, type DelimitedRecord } from './delimited-parser';
import { damagedGzip, ImportError, isGzip, openBytes, type ImportSource } from './import-source';
import { JsonArraySplitter, NdjsonSplitter, type JsonRecord } from './json-records';
import { countOutsideQuotes, DELIMITERS, type Sniffed } from './sniff';

/** A source value as read: text, or null for an empty field or JSON null. */
export type SourceValue = string | null;

/** One data row of a source file, by column name; or, when it cannot be read as a row, why. */
export type SourceRow =
	{ row: number; values: Map<string, SourceValue> } | { row: number; problem: string; text: string };

export interface ReadProgress {
	/** Bytes of the file (as stored, compressed or not) read so far. */
	bytesRead: number;
}

/**
 * A source file's rows, streamed: CSV/TSV/any delimiter, NDJSON, one JSON array or Parquet, gzipped or
 * not. `columns` is the header (delimited) or every key met so far (JSON), in first-seen order. Row
 * numbers are 1-based data rows (the header excluded), NDJSON lines, array items or Parquet rows.
 */
export class SourceReader {
	columns: string[] = [];
	readonly #source: ImportSource;
	readonly #sniffed: Sniffed;
	readonly #onProgress: (progress: ReadProgress) => void;

	constructor(
		source: ImportSource,
		sniffed: Sniffed,
		onProgress: (progress: ReadProgress) => void = () => {}
	) {
		this.#source = source;
		this.#sniffed = sniffed;
		this.#onProgress = onProgress;
	}

	async *rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
		if (this.#sniffed.format.kind === 'parquet') {
			yield* this.#parquetRows(signal);
			return;
		}
		const format = this.#sniffed.format;
		if (format.kind === 'delimited') {
			const parser = new DelimitedParser(format.delimiter);
			let row = 0;
			for await (const { text, final } of this.#texts(signal)) {
				for (const record of parser.push(text, final)) {
					if (this.columns.length === 0 && row === 0 && !record.problem) {
						this.columns = headerNames(record.fields);
						row = 0;
						if (this.columns.length > 0) continue;
					}
					row++;
					if (record.problem) yield { row, problem: record.problem, text: record.text };
					else if (record.fields.length !== this.columns.length) {
						yield {
							row,
							problem: `expected ${this.columns.length} fields, found ${record.fields.length}${raggedHint(record, this.columns.length, format.delimiter)}`,
							text: record.text
						};
					} else {
						const values = new Map<string, SourceValue>();
						for (let i = 0; i < this.columns.length; i++) {
							values.set(this.columns[i], record.fields[i] === '' ? null : record.fields[i]);
						}
						yield { row, values };
					}
				}
			}
			return;
		}
		const splitter = format.kind === 'ndjson' ? new NdjsonSplitter() : new JsonArraySplitter();
		for await (const { text, final } of this.#texts(signal)) {
			for (const record of splitter.push(text, final)) yield this.#jsonRow(record);
			if (splitter instanceof JsonArraySplitter && splitter.fileProblem) {
				throw new ImportError(`${this.#source.name} cannot be read as JSON: ${splitter.fileProblem}.`);
			}
		}
	}

	#jsonRow(record: JsonRecord): SourceRow {
		if (record.problem) return { row: record.row, problem: record.problem, text: record.text };
		let parsed: unknown;
		try {
			parsed = JSON.parse(record.text);
		} catch (error) {
			const problem = endsInside(record.text)
				? 'not valid JSON: the line ends inside the object (cut short, or one object over several lines? NDJSON takes one whole object a line)'
				: `not valid JSON (${(error as Error).message})`;
			return { row: record.row, problem, text: clip(record.text) };
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return { row: record.row, problem: 'not a JSON object', text: clip(record.text) };
		}
		const values = new Map<string, SourceValue>();
		for (const [key, value] of Object.entries(parsed)) {
			if (!this.#known.has(key)) {
				this.#known.add(key);
				this.columns.push(key);
			}
			values.set(key, jsonValue(value));
		}
		return { row: record.row, values };
	}

	readonly #known = new Set<string>();

	/** The file as text, a piece at a time, decoded with the sniffed encoding. */
	async *#texts(signal?: AbortSignal): AsyncGenerator<{ text: string; final: boolean }> {
		const encoding = this.#sniffed.encoding;
		const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
		const bytes = await openBytes(this.#source, (bytesRead) => this.#onProgress({ bytesRead }));
		const reader = bytes.getReader();
		let offset = 0;
		try {
			for (;;) {
				signal?.throwIfAborted();
				let chunk: ReadableStreamReadResult<Uint8Array>;
				try {
					chunk = await reader.read();
				} catch {
					throw damagedGzip(this.#source);
				}
				if (chunk.done) {
					yield { text: this.#decode(decoder, undefined, offset), final: true };
					return;
				}
				yield { text: this.#decode(decoder, chunk.value, offset), final: false };
				offset += chunk.value.byteLength;
			}
		} finally {
			await reader.cancel().catch(() => {});
		}
	}

	#decode(decoder: TextDecoder, bytes: Uint8Array | undefined, offset: number): string {
		try {
			return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
		} catch {
			throw new ImportError(
				`${this.#source.name} is not UTF-8 text after byte ${formatInt(offset)} (its start is): save the whole file as UTF-8 and import it again.`
			);
		}
	}

	async *#parquetRows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
		const file = await parquetBuffer(this.#source);
		let metadata;
		try {
			metadata = await parquetMetadataAsync(file);
		} catch (error) {
			throw new ImportError(
				`${this.#source.name} is not a readable Parquet file (${(error as Error).message}).`
			);
		}
		this.columns = metadata.schema
			.slice(1)
			.filter((element) => !element.num_children)
			.map((element) => element.name);
		const total = Number(metadata.num_rows);
		for (let start = 0; start < total; start += PARQUET_ROWS) {
			signal?.throwIfAborted();
			const end = Math.min(total, start + PARQUET_ROWS);
			const objects = (await parquetReadObjects({
				file,
				rowStart: start,
				rowEnd: end,
				compressors
			})) as Record<string, unknown>[];
			this.#onProgress({ bytesRead: Math.round((this.#source.blob.size * end) / total) });
			for (let i = 0; i < objects.length; i++) {
				const values = new Map<string, SourceValue>();
				for (const column of this.columns) values.set(column, jsonValue(objects[i][column]));
				yield { row: start + i + 1, values };
			}
		}
	}
}

/** Parquet rows read at a time. */
const PARQUET_ROWS = 16_384;
/** A gzipped Parquet file is gunzipped into memory (Parquet needs random access): this large at most. */
const GZIPPED_PARQUET_LIMIT = 256 << 20;

async function parquetBuffer(source: ImportSource): Promise<AsyncBuffer> {
	if (!(await isGzip(source))) {
		return {
			byteLength: source.blob.size,
			slice: (start, end) => source.blob.slice(start, end).arrayBuffer()
		};
	}
	const parts: Uint8Array[] = [];
	let length = 0;
	const reader = (await openBytes(source)).getReader();
	for (;;) {
		const { done, value } = await reader.read().catch(() => {
			throw damagedGzip(source);
		});
		if (done) break;
		length += value.byteLength;
		if (length > GZIPPED_PARQUET_LIMIT) {
			await reader.cancel();
			throw new ImportError(
				`${source.name}: a gzipped Parquet file is unpacked in memory, so it may hold 256 MB at most: import the .parquet file itself (Parquet is compressed already).`
			);
		}
		parts.push(value);
	}
	const bytes = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		bytes.set(part, at);
		at += part.byteLength;
	}
	return { byteLength: length, slice: (start, end) => bytes.slice(start, end).buffer };
}

/** Header names made usable: trimmed, a blank one named by its position, a repeated one numbered. */
function headerNames(fields: string[]): string[] {
	const seen = new Map<string, number>();
	return fields.map((field, i) => {
		const name = field.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`;
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name}_${count}`;
	});
}

/** Why a row may have one field where the header has several: another delimiter, or a missing quote. */
function raggedHint(record: DelimitedRecord, expected: number, delimiter: string): string {
	if (record.fields.length !== 1 || expected < 2) return '';
	const other = Object.keys(DELIMITERS).find(
		(candidate) => candidate !== delimiter && countOutsideQuotes(record.text, candidate) === expected - 1
	);
	if (other === undefined) return ' (is the delimiter right, or is a quote missing?)';
	return `: the row is ${DELIMITERS[other]}-separated, the header ${DELIMITERS[delimiter]}-separated (save the file with one delimiter and import it again)`;
}

/** A JSON or Parquet value as source text: numbers without float noise, objects as JSON. */
function jsonValue(value: unknown): SourceValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number') return numberText(value);
	if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return dateText(value);
	return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
}

/** `12.300000000000001` → `12.3`: binary noise below a millionth of a cent is not data. */
function numberText(value: number): string {
	if (Number.isInteger(value)) return String(value);
	const cents = Math.round(value * 100);
	return Math.abs(value * 100 - cents) < 1e-6 ? String(cents / 100) : String(value);
}

/** A Parquet DATE or TIMESTAMP (hyparquet gives UTC instants) as ISO local text. */
function dateText(date: Date): string {
	const iso = date.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Whether JSON text stops inside a string, object or array (it is cut short, or goes on elsewhere). */
function endsInside(text: string): boolean {
	let depth = 0;
	let inString = false;
	let escape = false;
	for (const c of text) {
		if (inString) {
			if (escape) escape = false;
			else if (c === '\\') escape = true;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') depth--;
	}
	return inString || depth > 0;
}

function clip(text: string): string {
	return text.slice(0, REJECT_TEXT_CHARS);
}
