import { concatBytes } from '../../bytes/concat-bytes';
import { JsonObjectParser } from './json-object-parser';
import { skipSpace, trimSpaceEnd } from './json-space';
import { clippedText, contentStart, rawText, REJECT_TEXT_BYTES } from './raw-text';
import { longRowReason, MAX_ROW_BYTES, type FillResult, type WindowReader } from './row-reader';
import type { RowStager } from './row-stager';
import { UnreadableFileError } from './unreadable-file';

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * JSON rows, one object per row: NDJSON (one a line; `_row_number` is the line number; blank lines
 * are not rows) or one JSON array (`_row_number` is the item's position). A row that is not valid JSON
 * or not an object is rejected with its text; so is a row longer than `MAX_ROW_BYTES` (an NDJSON line is
 * skipped without being held). A `.json` file that is not one array is unreadable. NDJSON comes a window
 * at a time (`feed`); an array must be fed whole, in one final window.
 */
export class JsonReader implements WindowReader {
	#bytes: Uint8Array = new Uint8Array(0);
	#final = false;
	readonly #stager: RowStager;
	readonly #parser: JsonObjectParser;
	readonly #format: 'ndjson' | 'json';
	#started = false;
	#at = 0;
	#rowNumber = 0;
	#rowFrom = 0;
	#rowTo = 0;
	#arrayClosed = false;
	/** An NDJSON line too long to read, being skipped to its end. */
	#longLine: { rowNumber: number; head: Uint8Array; bytes: number } | null = null;

	constructor(stager: RowStager, format: 'ndjson' | 'json') {
		this.#stager = stager;
		this.#parser = new JsonObjectParser(this.#bytes, stager);
		this.#format = format;
	}

	get consumed(): number {
		return Math.min(this.#at, this.#bytes.length);
	}

	feed(window: Uint8Array, final: boolean): void {
		this.#bytes = window;
		this.#final = final;
		this.#at = 0;
		this.#parser.feed(window);
	}

	missingColumns(required: readonly string[]): string[] {
		if (!this.#parser.parsedAny) return [];
		return required.filter((name) => !this.#parser.seen(this.#stager.columnIndex(name)));
	}

	fill(): FillResult {
		if (!this.#started && !this.#start()) return 'more';
		const stager = this.#stager;
		const chunkEnd = this.#at + stager.chunkBytes;
		while (!stager.full && this.#at < chunkEnd) {
			const next = this.#format === 'ndjson' ? this.#nextLine() : this.#nextItem();
			if (next !== 'row') return next;
			const from = this.#rowFrom;
			const to = this.#rowTo;
			let problem = to - from > MAX_ROW_BYTES ? longRowReason(to - from) : this.#parser.parse(from, to);
			if (problem === null) problem = stager.endRow(this.#rowNumber);
			if (problem !== null) stager.reject(this.#rowNumber, problem, rawText(this.#bytes, from, to));
		}
		return 'chunk';
	}

	/** Skips the byte order mark, and opens the array; false while the window is too short to tell. */
	#start(): boolean {
		if (this.#format === 'json') {
			if (!this.#final) throw new Error('A JSON array raw file is read whole: feed it in one final window.');
			this.#at = contentStart(this.#bytes);
			this.#openArray();
		} else {
			if (!this.#final && this.#bytes.length < 3) return false;
			this.#at = contentStart(this.#bytes);
		}
		this.#started = true;
		return true;
	}

	/** Finds the next non-blank line: `row`, or `more` (feed the rest), or `done`. */
	#nextLine(): 'row' | 'more' | 'done' {
		const bytes = this.#bytes;
		const end = bytes.length;
		while (this.#at < end) {
			if (this.#longLine) {
				this.#skipLongLine();
				continue;
			}
			const from = this.#at;
			const newline = bytes.indexOf(LF, from);
			if (newline === -1 && !this.#final) {
				if (end - from <= MAX_ROW_BYTES) return 'more';
				this.#longLine = { rowNumber: ++this.#rowNumber, head: new Uint8Array(0), bytes: 0 };
				continue;
			}
			const lineEnd = newline === -1 ? end : newline;
			this.#at = lineEnd + 1;
			this.#rowNumber++;
			const to = lineEnd > from && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
			if (skipSpace(bytes, from, to) < to) {
				this.#rowFrom = from;
				this.#rowTo = to;
				return 'row';
			}
		}
		if (this.#longLine && this.#final) this.#endLongLine();
		return this.#final ? 'done' : 'more';
	}

	/** Follows a line too long to read to its line feed (or the window's end), keeping only its start. */
	#skipLongLine(): void {
		const long = this.#longLine!;
		const bytes = this.#bytes;
		const newline = bytes.indexOf(LF, this.#at);
		const to = newline === -1 ? bytes.length : newline;
		if (long.head.length < REJECT_TEXT_BYTES) {
			long.head = concatBytes([
				long.head,
				bytes.subarray(this.#at, Math.min(to, this.#at + REJECT_TEXT_BYTES))
			]);
		}
		long.bytes += to - this.#at;
		this.#at = newline === -1 ? to : to + 1;
		if (newline !== -1) this.#endLongLine();
	}

	#endLongLine(): void {
		const { rowNumber, head, bytes } = this.#longLine!;
		this.#stager.reject(rowNumber, longRowReason(bytes), clippedText(head, bytes));
		this.#longLine = null;
	}

	#openArray(): void {
		const bytes = this.#bytes;
		const start = skipSpace(bytes, this.#at, bytes.length);
		if (bytes[start] !== OPEN_BRACKET) {
			throw new UnreadableFileError('A .json raw file must hold one JSON array of objects.');
		}
		this.#at = skipSpace(bytes, start + 1, bytes.length);
		if (bytes[this.#at] === CLOSE_BRACKET) this.#closeArray(this.#at);
	}

	/** Finds the next item of the array, by its structure only (the parser judges its content). */
	#nextItem(): 'row' | 'done' {
		if (this.#arrayClosed) return 'done';
		const bytes = this.#bytes;
		const end = bytes.length;
		const from = skipSpace(bytes, this.#at, end);
		let depth = 0;
		let i = from;
		for (; i < end; i++) {
			const byte = bytes[i];
			if (byte === QUOTE) {
				i = closingQuote(bytes, i + 1);
				if (i < 0) break;
			} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
			else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
				if (depth === 0) break;
				depth--;
			} else if (byte === COMMA && depth === 0) break;
		}
		if (i < 0 || i >= end) throw new UnreadableFileError('The JSON array is not closed.');
		this.#rowNumber++;
		this.#rowFrom = from;
		this.#rowTo = trimSpaceEnd(bytes, from, i);
		if (bytes[i] === COMMA) this.#at = i + 1;
		else if (bytes[i] === CLOSE_BRACKET) this.#closeArray(i);
		else throw new UnreadableFileError(`Unexpected "}" at byte ${i} of the JSON array.`);
		return 'row';
	}

	#closeArray(at: number): void {
		this.#arrayClosed = true;
		if (skipSpace(this.#bytes, at + 1, this.#bytes.length) < this.#bytes.length) {
			throw new UnreadableFileError('Text follows the JSON array.');
		}
	}
}

/** The index of the quote that closes a JSON string whose content starts at `from`; -1 if none. */
function closingQuote(bytes: Uint8Array, from: number): number {
	for (let i = from; i < bytes.length; i++) {
		if (bytes[i] === BACKSLASH) i++;
		else if (bytes[i] === QUOTE) return i;
	}
	return -1;
}
