import { skipSpace } from './json-space';
import { decodeUtf8 } from './raw-text';
import type { RowStager } from './row-stager';
import type { Utf8Column } from './utf8-column';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;
const SMALL_E = 0x65;
const CAPITAL_E = 0x45;
const SMALL_N = 0x6e;
const SMALL_T = 0x74;
const SMALL_F = 0x66;

/** The byte each one-letter JSON escape stands for (`\u` is left to `JSON.parse`). */
const ESCAPED = new Int16Array(128).fill(-1);
for (const [letter, byte] of Object.entries({
	'"': 0x22,
	'\\': 0x5c,
	'/': 0x2f,
	b: 8,
	f: 12,
	n: 10,
	r: 13,
	t: 9
})) {
	ESCAPED[letter.charCodeAt(0)] = byte;
}

/**
 * Writes one JSON object's members into a `RowStager`'s columns, as raw text: strings unescaped,
 * numbers as written (so `804.40` stays exact), true/false as words, null as NULL, nested values as
 * JSON. A fast byte scanner takes the common flat ASCII object; anything else (escapes like `\u`,
 * non-ASCII text, nesting, a duplicate key, or invalid JSON) goes through `JSON.parse`, which is the
 * judge of validity.
 */
export class JsonObjectParser {
	#bytes: Uint8Array;
	readonly #stager: RowStager;
	/** Per member position, the column its key mapped to last time, with that key's bytes. */
	readonly #columnAt: number[] = [];
	readonly #keyAt: Uint8Array[] = [];
	readonly #seen = new Set<number>();
	#parsedAny = false;

	constructor(bytes: Uint8Array, stager: RowStager) {
		this.#bytes = bytes;
		this.#stager = stager;
	}

	/** The bytes `parse` reads from now on (the reader's next window). */
	feed(bytes: Uint8Array): void {
		this.#bytes = bytes;
	}

	/** Whether any row so far was a JSON object. */
	get parsedAny(): boolean {
		return this.#parsedAny;
	}

	/** Whether some object had a member for the column. */
	seen(column: number): boolean {
		return this.#seen.has(column);
	}

	/** Writes the object in `[from, to)` into the row in progress; returns null, or why it is not a row. */
	parse(from: number, to: number): string | null {
		const problem = this.#scan(from, to) ? null : this.#parseSlowly(from, to);
		if (problem === null) this.#parsedAny = true;
		return problem;
	}

	/** The fast path: true when it wrote the whole object, false (with nothing written) when it gave up. */
	#scan(from: number, to: number): boolean {
		if (this.#scanMembers(from, to)) return true;
		this.#stager.abandonRow();
		return false;
	}

	#scanMembers(from: number, to: number): boolean {
		const bytes = this.#bytes;
		const row = this.#stager.rows;
		let i = skipSpace(bytes, from, to);
		if (i === to || bytes[i] !== OPEN_BRACE) return false;
		i = skipSpace(bytes, i + 1, to);
		if (i < to && bytes[i] === CLOSE_BRACE) return skipSpace(bytes, i + 1, to) === to;
		for (let member = 0; ; member++) {
			if (i === to || bytes[i] !== QUOTE) return false;
			const keyTo = plainStringEnd(bytes, i + 1, to);
			if (keyTo === to || bytes[keyTo] !== QUOTE) return false;
			const column = this.#columnForKey(member, i + 1, keyTo);
			if (column < 0) return false;
			const values = this.#stager.columns[column].values;
			if (values.length > row) return false;
			i = skipSpace(bytes, keyTo + 1, to);
			if (i === to || bytes[i] !== COLON) return false;
			i = skipSpace(bytes, i + 1, to);
			i = this.#scanValue(values, i, to);
			if (i < 0) return false;
			i = skipSpace(bytes, i, to);
			if (i === to) return false;
			if (bytes[i] === CLOSE_BRACE) return skipSpace(bytes, i + 1, to) === to;
			if (bytes[i] !== COMMA) return false;
			i = skipSpace(bytes, i + 1, to);
		}
	}

	/** Writes the scalar at `at` into `values`; returns where it ends, or -1 to give up. */
	#scanValue(values: Utf8Column, at: number, to: number): number {
		const bytes = this.#bytes;
		if (at === to) return -1;
		const first = bytes[at];
		if (first === QUOTE) {
			// The value cannot be longer than the row: room for that, then scan and copy in one pass.
			const data = values.reserve(to - at);
			let size = values.size;
			for (let i = at + 1; i < to; i++) {
				const byte = bytes[i];
				if (byte === QUOTE) {
					values.advance(size);
					values.endValue();
					return i + 1;
				}
				if (byte === BACKSLASH) {
					const escaped = i + 1 < to && bytes[i + 1] < 128 ? ESCAPED[bytes[i + 1]] : -1;
					if (escaped < 0) return -1;
					data[size++] = escaped;
					i++;
				} else if (byte < 0x20 || byte >= 0x80) return -1;
				else data[size++] = byte;
			}
			return -1;
		}
		if (first === MINUS || (first >= ZERO && first <= NINE)) {
			const end = numberEnd(bytes, at, to);
			if (end < 0) return -1;
			values.append(bytes, at, end);
			values.endValue();
			return end;
		}
		if (first === SMALL_N && isWord(bytes, at, to, 'null')) {
			values.appendNull();
			return at + 4;
		}
		const word = first === SMALL_T ? 'true' : first === SMALL_F ? 'false' : null;
		if (word === null || !isWord(bytes, at, to, word)) return -1;
		values.append(bytes, at, at + word.length);
		values.endValue();
		return at + word.length;
	}

	/** The column for the key in `[from, to)` at member position `member`; -1 when it cannot be one. */
	#columnForKey(member: number, from: number, to: number): number {
		const cached = this.#keyAt[member];
		if (cached !== undefined && sameBytes(cached, this.#bytes, from, to)) return this.#columnAt[member];
		const column = this.#columnFor(decodeUtf8(this.#bytes.subarray(from, to)));
		this.#columnAt[member] = column;
		this.#keyAt[member] = this.#bytes.slice(from, to);
		return column;
	}

	#columnFor(key: string): number {
		const column = this.#stager.columnFor(key);
		this.#seen.add(column);
		return column;
	}

	#parseSlowly(from: number, to: number): string | null {
		let value: unknown;
		try {
			value = JSON.parse(decodeUtf8(this.#bytes.subarray(from, to)));
		} catch (error) {
			return error instanceof SyntaxError ? 'invalid JSON' : 'the row is not valid UTF-8';
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
		const row = this.#stager.rows;
		for (const [key, member] of Object.entries(value)) {
			const column = this.#columnFor(key);
			if (column < 0) return this.#giveUp(`${JSON.stringify(key)} cannot be a column name`);
			const values = this.#stager.columns[column].values;
			if (values.length > row) return this.#giveUp(`the key ${JSON.stringify(key)} appears twice`);
			if (member === null) values.appendNull();
			else {
				values.appendString(typeof member === 'object' ? JSON.stringify(member) : String(member));
				values.endValue();
			}
		}
		return null;
	}

	#giveUp(problem: string): string {
		this.#stager.abandonRow();
		return problem;
	}
}

/** Where a string's plain run (no quote, backslash, control or non-ASCII byte) that starts at `from` ends. */
function plainStringEnd(bytes: Uint8Array, from: number, to: number): number {
	let i = from;
	while (i < to) {
		const byte = bytes[i];
		if (byte === QUOTE || byte === BACKSLASH || byte < 0x20 || byte >= 0x80) break;
		i++;
	}
	return i;
}

/** Where the JSON number at `at` ends (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1 if it is not one. */
function numberEnd(bytes: Uint8Array, at: number, to: number): number {
	let i = bytes[at] === MINUS ? at + 1 : at;
	if (i === to || !isDigit(bytes[i])) return -1;
	if (bytes[i] === ZERO) i++;
	else i = digitsEnd(bytes, i, to);
	if (i < to && bytes[i] === DOT) {
		const fractionEnd = digitsEnd(bytes, i + 1, to);
		if (fractionEnd === i + 1) return -1;
		i = fractionEnd;
	}
	if (i < to && (bytes[i] === SMALL_E || bytes[i] === CAPITAL_E)) {
		let j = i + 1;
		if (j < to && (bytes[j] === PLUS || bytes[j] === MINUS)) j++;
		const exponentEnd = digitsEnd(bytes, j, to);
		if (exponentEnd === j) return -1;
		i = exponentEnd;
	}
	return i < to && isDigit(bytes[i]) ? -1 : i;
}

function digitsEnd(bytes: Uint8Array, from: number, to: number): number {
	let i = from;
	while (i < to && isDigit(bytes[i])) i++;
	return i;
}

function isDigit(byte: number): boolean {
	return byte >= ZERO && byte <= NINE;
}

function isWord(bytes: Uint8Array, at: number, to: number, word: string): boolean {
	if (at + word.length > to) return false;
	for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
	return true;
}

function sameBytes(expected: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
	if (expected.length !== to - from) return false;
	for (let i = 0; i < expected.length; i++) if (expected[i] !== bytes[from + i]) return false;
	return true;
}
