import { JsonObjectParser } from './json-object-parser';
import { skipSpace, trimSpaceEnd } from './json-space';
import { contentStart, rawText } from './raw-text';
import type { RowReader } from './row-reader';
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
 * or not an object is rejected with its text; a `.json` file that is not one array is unreadable.
 */
export class JsonReader implements RowReader {
	readonly #bytes: Uint8Array;
	readonly #stager: RowStager;
	readonly #parser: JsonObjectParser;
	readonly #nextRow: () => boolean;
	#at: number;
	#rowNumber = 0;
	#rowFrom = 0;
	#rowTo = 0;
	#arrayClosed = false;

	constructor(bytes: Uint8Array, stager: RowStager, format: 'ndjson' | 'json') {
		this.#bytes = bytes;
		this.#stager = stager;
		this.#parser = new JsonObjectParser(bytes, stager);
		this.#at = contentStart(bytes);
		if (format === 'ndjson') this.#nextRow = () => this.#nextLine();
		else {
			this.#openArray();
			this.#nextRow = () => this.#nextItem();
		}
	}

	missingColumns(required: readonly string[]): string[] {
		if (!this.#parser.parsedAny) return [];
		return required.filter((name) => !this.#parser.seen(this.#stager.columnIndex(name)));
	}

	fill(): boolean {
		const stager = this.#stager;
		const chunkEnd = this.#at + stager.chunkBytes;
		while (!stager.full && this.#at < chunkEnd) {
			if (!this.#nextRow()) return false;
			const from = this.#rowFrom;
			const to = this.#rowTo;
			let problem = this.#parser.parse(from, to);
			if (problem === null) problem = stager.endRow(this.#rowNumber);
			if (problem !== null) stager.reject(this.#rowNumber, problem, rawText(this.#bytes, from, to));
		}
		return true;
	}

	/** Finds the next non-blank line; false at the end. */
	#nextLine(): boolean {
		const bytes = this.#bytes;
		while (this.#at < bytes.length) {
			const from = this.#at;
			const newline = bytes.indexOf(LF, from);
			const lineEnd = newline === -1 ? bytes.length : newline;
			this.#at = lineEnd + 1;
			this.#rowNumber++;
			const to = lineEnd > from && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
			if (skipSpace(bytes, from, to) < to) {
				this.#rowFrom = from;
				this.#rowTo = to;
				return true;
			}
		}
		return false;
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
	#nextItem(): boolean {
		if (this.#arrayClosed) return false;
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
		return true;
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
