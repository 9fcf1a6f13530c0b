import { clippedText, contentStart, decodeUtf8, isValidUtf8, rawText, REJECT_TEXT_BYTES } from './raw-text';
import { longRowReason, MAX_ROW_BYTES, type FillResult, type WindowReader } from './row-reader';
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
 * unclosed quote or bytes that are not UTF-8 is rejected with its text; so is a record longer than
 * `MAX_ROW_BYTES`, which is skipped without being held. The file comes a window at a time (`feed`); a
 * record is read only once the window holds all of it.
 */
export class CsvReader implements WindowReader {
	#bytes: Uint8Array = new Uint8Array(0);
	#final = false;
	readonly #stager: RowStager;
	#header: string[] | null = null;
	/** The stager column each field of a record goes to. */
	#targets: Utf8Column[] = [];
	#at = 0;
	#rowNumber = 0;
	/** A record too long to read, being skipped to its end. */
	#longRow: LongRow | null = null;
	// The last field scanned: its content, whether it holds doubled quotes, and what went wrong.
	#from = 0;
	#to = 0;
	#doubledQuotes = false;
	#highBits = 0;
	#problem: string | null = null;

	constructor(stager: RowStager) {
		this.#stager = stager;
	}

	get consumed(): number {
		return this.#at;
	}

	feed(window: Uint8Array, final: boolean): void {
		this.#bytes = window;
		this.#final = final;
		this.#at = 0;
	}

	missingColumns(required: readonly string[]): string[] {
		const present = new Set((this.#header ?? []).map((name) => name.trim().toLowerCase()));
		return required.filter((name) => !present.has(name));
	}

	fill(): FillResult {
		if (this.#header === null && !this.#readHeader()) return 'more';
		const bytes = this.#bytes;
		const end = bytes.length;
		const stager = this.#stager;
		const targets = this.#targets;
		const fieldCount = targets.length;
		let at = this.#at;
		const chunkEnd = at + stager.chunkBytes;
		while (at < end && at < chunkEnd && !stager.full) {
			if (this.#longRow) {
				at = this.#skipLongRow(at);
				continue;
			}
			const recordFrom = at;
			this.#problem = null;
			this.#highBits = 0;
			this.#to = recordFrom;
			let lineEnd = lineEndFrom(bytes, at);
			if (lineEnd - recordFrom > MAX_ROW_BYTES) {
				this.#longRow = new LongRow(++this.#rowNumber);
				continue;
			}
			let fields = 0;
			for (;;) {
				if (fields >= fieldCount) at = this.#scanField(at);
				else if (at < end && bytes[at] === QUOTE) {
					at = this.#scanField(at);
					if (this.#to - recordFrom > MAX_ROW_BYTES) break;
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
			if (this.#to - recordFrom > MAX_ROW_BYTES) {
				// A quoted field runs past the longest row: skip the record without copying it.
				stager.abandonRow();
				this.#longRow = new LongRow(++this.#rowNumber);
				at = recordFrom;
				continue;
			}
			if (at === end && !this.#final) {
				// No line feed ends the record in this window: read it again once the window holds all of it.
				stager.abandonRow();
				this.#at = recordFrom;
				if (end - recordFrom <= MAX_ROW_BYTES) return 'more';
				this.#longRow = new LongRow(++this.#rowNumber);
				return this.fill();
			}
			const recordTo = at > recordFrom && bytes[at - 1] === CR ? at - 1 : at;
			if (at < end) at++;
			if (fields === 1 && recordTo === recordFrom) {
				stager.abandonRow();
				continue;
			}
			const rowNumber = ++this.#rowNumber;
			let problem: string | null = this.#problem;
			if (problem === null && recordTo - recordFrom > MAX_ROW_BYTES)
				problem = longRowReason(recordTo - recordFrom);
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
		if (at < end) return 'chunk';
		if (this.#longRow && this.#final) this.#endLongRow(end);
		return this.#final ? 'done' : 'more';
	}

	/** Follows a record too long to read to its end, keeping only its start; returns where it stopped. */
	#skipLongRow(at: number): number {
		const long = this.#longRow!;
		const bytes = this.#bytes;
		const lineFeed = long.scanner.find(bytes, at, bytes.length);
		const to = lineFeed === -1 ? bytes.length : lineFeed;
		long.take(bytes, at, to);
		if (lineFeed === -1) return to;
		this.#endLongRow(to);
		return to + 1;
	}

	#endLongRow(to: number): void {
		const long = this.#longRow!;
		const length = to > 0 && this.#bytes[to - 1] === CR ? long.bytes - 1 : long.bytes;
		this.#stager.reject(long.rowNumber, longRowReason(length), clippedText(long.head(), length));
		this.#longRow = null;
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

	/**
	 * Reads the header row once the window holds all of it (false: feed more); throws an
	 * `UnreadableFileError` when there is none or it cannot be a header.
	 */
	#readHeader(): boolean {
		const bytes = this.#bytes;
		const names: string[] = [];
		let at = contentStart(bytes);
		const incomplete = () => {
			if (bytes.length > MAX_ROW_BYTES) throw new UnreadableFileError('The header row is longer than 1 MB.');
			return false;
		};
		if (!this.#final && (bytes.length < 3 || bytes.indexOf(LF) === -1)) return incomplete();
		if (at >= bytes.length)
			throw new UnreadableFileError('The file is empty: a CSV raw file needs a header row.');
		for (;;) {
			at = this.#scanField(at);
			if (at === bytes.length && !this.#final) return incomplete();
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
		this.#header = names;
		this.#targets = this.#stager.fileColumns(names).map((column) => this.#stager.columns[column].values);
		return true;
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

/** A record too long to read: its row number, its first bytes and its length so far. */
class LongRow {
	readonly scanner = new CsvRecordEnd();
	bytes = 0;
	readonly #head = new Uint8Array(REJECT_TEXT_BYTES);
	#headLength = 0;

	constructor(readonly rowNumber: number) {}

	take(bytes: Uint8Array, from: number, to: number): void {
		const room = Math.min(REJECT_TEXT_BYTES - this.#headLength, to - from);
		this.#head.set(bytes.subarray(from, from + room), this.#headLength);
		this.#headLength += room;
		this.bytes += to - from;
	}

	head(): Uint8Array {
		return this.#head.subarray(0, this.#headLength);
	}
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const AFTER_QUOTED = 4;

/**
 * Finds where a record ends by the reader's own rules (a quoted field may hold line feeds, a doubled
 * quote is a quote, text after a closing quote runs to the next comma), across windows, without keeping
 * the record.
 */
class CsvRecordEnd {
	#state = FIELD_START;

	/** The line feed in `[from, to)` that ends the record, or -1 when it goes on past `to`. */
	find(bytes: Uint8Array, from: number, to: number): number {
		let state = this.#state;
		for (let i = from; i < to; i++) {
			const byte = bytes[i];
			switch (state) {
				case FIELD_START:
					if (byte === LF) return i;
					state = byte === QUOTE ? QUOTED : byte === COMMA ? FIELD_START : UNQUOTED;
					break;
				case UNQUOTED:
				case AFTER_QUOTED:
					if (byte === LF) return i;
					if (byte === COMMA) state = FIELD_START;
					break;
				case QUOTED:
					if (byte === QUOTE) state = QUOTE_IN_QUOTED;
					break;
				case QUOTE_IN_QUOTED:
					if (byte === LF) return i;
					state = byte === QUOTE ? QUOTED : byte === COMMA ? FIELD_START : AFTER_QUOTED;
					break;
			}
		}
		this.#state = state;
		return -1;
	}
}
