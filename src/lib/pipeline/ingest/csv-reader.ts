import { contentStart, decodeUtf8, isValidUtf8, rawText } from './raw-text';
import type { RowReader } from './row-reader';
import type { RowStager } from './row-stager';
import type { Utf8Column } from './utf8-column';
import { UnreadableFileError } from './unreadable-file';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 CSV, byte by byte: a header row, then records of comma-separated fields; a field in double
 * quotes may hold commas, line breaks and doubled quotes. An optional UTF-8 BOM, LF or CRLF. Lenient
 * only where nothing is lost: a quote inside an unquoted field is kept as a character. Empty records
 * (blank lines) are not rows. A record with the wrong number of fields, text after a closing quote, an
 * unclosed quote or bytes that are not UTF-8 is rejected with its text.
 */
export class CsvReader implements RowReader {
	readonly #bytes: Uint8Array;
	readonly #stager: RowStager;
	readonly #header: string[];
	/** The stager column each field of a record goes to. */
	readonly #targets: Utf8Column[];
	#at: number;
	#rowNumber = 0;
	// The last field scanned: its content, whether it holds doubled quotes, and what went wrong.
	#from = 0;
	#to = 0;
	#doubledQuotes = false;
	#highBits = 0;
	#problem: string | null = null;

	constructor(bytes: Uint8Array, stager: RowStager) {
		this.#bytes = bytes;
		this.#stager = stager;
		this.#at = contentStart(bytes);
		this.#header = this.#readHeader();
		const columnOf = stager.fileColumns(this.#header);
		this.#targets = columnOf.map((column) => stager.columns[column].values);
	}

	missingColumns(required: readonly string[]): string[] {
		const present = new Set(this.#header.map((name) => name.trim().toLowerCase()));
		return required.filter((name) => !present.has(name));
	}

	fill(): boolean {
		const bytes = this.#bytes;
		const end = bytes.length;
		const stager = this.#stager;
		const targets = this.#targets;
		const fieldCount = targets.length;
		let at = this.#at;
		const chunkEnd = at + stager.chunkBytes;
		while (at < end && at < chunkEnd && !stager.full) {
			const recordFrom = at;
			this.#problem = null;
			this.#highBits = 0;
			let lineEnd = lineEndFrom(bytes, at);
			let fields = 0;
			for (;;) {
				if (fields >= fieldCount) at = this.#scanField(at);
				else if (at < end && bytes[at] === QUOTE) {
					at = this.#scanField(at);
					const values = targets[fields];
					if (this.#doubledQuotes) values.appendCsvQuoted(bytes, this.#from, this.#to);
					else values.append(bytes, this.#from, this.#to);
					values.endValue();
					if (at > lineEnd) lineEnd = lineEndFrom(bytes, at);
				} else at = this.#copyUnquoted(targets[fields], at, lineEnd);
				fields++;
				if (at < end && bytes[at] === COMMA) at++;
				else break;
			}
			const recordTo = at > recordFrom && bytes[at - 1] === CR ? at - 1 : at;
			if (at < end) at++;
			if (fields === 1 && recordTo === recordFrom) {
				stager.abandonRow();
				continue;
			}
			const rowNumber = ++this.#rowNumber;
			let problem: string | null = this.#problem;
			if (problem === null && fields !== fieldCount)
				problem = `expected ${fieldCount} fields, found ${fields}`;
			if (problem === null && this.#highBits >= 0x80 && !isValidUtf8(bytes, recordFrom, recordTo)) {
				problem = 'the row is not valid UTF-8';
			}
			if (problem === null) problem = stager.endRow(rowNumber);
			else stager.abandonRow();
			if (problem !== null) stager.reject(rowNumber, problem, rawText(bytes, recordFrom, recordTo));
		}
		this.#at = at;
		return at < end;
	}

	/**
	 * Copies the unquoted field at `at` into `values` while finding its end, in one pass. It cannot reach
	 * past `lineEnd` (the next line feed, or the end), so room for that much is made first.
	 */
	#copyUnquoted(values: Utf8Column, at: number, lineEnd: number): number {
		const bytes = this.#bytes;
		const data = values.reserve(lineEnd - at);
		let size = values.size;
		let high = 0;
		let i = at;
		for (; i < lineEnd; i++) {
			const byte = bytes[i];
			if (byte === COMMA) break;
			data[size++] = byte;
			high |= byte;
		}
		if (i === lineEnd && i > at && bytes[i - 1] === CR) size--;
		values.advance(size);
		values.endValue();
		this.#highBits |= high;
		return i;
	}

	#readHeader(): string[] {
		const bytes = this.#bytes;
		const names: string[] = [];
		let at = this.#at;
		if (at >= bytes.length)
			throw new UnreadableFileError('The file is empty: a CSV raw file needs a header row.');
		for (;;) {
			at = this.#scanField(at);
			if (this.#problem !== null)
				throw new UnreadableFileError(`The header row is malformed: ${this.#problem}.`);
			let name: string;
			try {
				name = decodeUtf8(bytes.subarray(this.#from, this.#to));
			} catch {
				throw new UnreadableFileError('The header row is not valid UTF-8.');
			}
			names.push(this.#doubledQuotes ? name.replaceAll('""', '"') : name);
			if (at < bytes.length && bytes[at] === COMMA) at++;
			else break;
		}
		this.#at = at < bytes.length ? at + 1 : at;
		return names;
	}

	/**
	 * Scans the field that starts at `at` and returns where it stops: at its comma, its record's line
	 * feed, or the end. Sets the field's content range (quotes and a CR before the line feed excluded).
	 */
	#scanField(at: number): number {
		const bytes = this.#bytes;
		const end = bytes.length;
		this.#doubledQuotes = false;
		if (at >= end || bytes[at] !== QUOTE) {
			let high = 0;
			let i = at;
			for (; i < end; i++) {
				const byte = bytes[i];
				if (byte === COMMA || byte === LF) break;
				high |= byte;
			}
			this.#highBits |= high;
			this.#from = at;
			this.#to = i > at && bytes[i - 1] === CR && (i === end || bytes[i] === LF) ? i - 1 : i;
			return i;
		}
		const from = at + 1;
		let i = from;
		for (;;) {
			const quote = bytes.indexOf(QUOTE, i);
			if (quote === -1) {
				this.#problem ??= 'a quoted field is not closed';
				i = end;
				break;
			}
			if (quote + 1 < end && bytes[quote + 1] === QUOTE) {
				this.#doubledQuotes = true;
				i = quote + 2;
				continue;
			}
			i = quote;
			break;
		}
		this.#from = from;
		this.#to = i;
		let high = 0;
		for (let j = from; j < i; j++) high |= bytes[j];
		this.#highBits |= high;
		i = Math.min(i + 1, end);
		if (i < end && bytes[i] === CR && (i + 1 === end || bytes[i + 1] === LF)) i++;
		if (i < end && bytes[i] !== COMMA && bytes[i] !== LF) {
			this.#problem ??= 'text follows a closing quote';
			while (i < end && bytes[i] !== COMMA && bytes[i] !== LF) i++;
		}
		return i;
	}
}

/** Where the line that `at` is on ends: its line feed, or the end of the bytes. */
function lineEndFrom(bytes: Uint8Array, at: number): number {
	const lineFeed = bytes.indexOf(LF, at);
	return lineFeed === -1 ? bytes.length : lineFeed;
}
