import { makeData, makeVector, Utf8, type Vector } from 'apache-arrow';

const QUOTE = 0x22;
const INITIAL_BYTES = 1 << 16;
const INITIAL_VALUES = 1 << 12;

/**
 * One Arrow string column built straight from UTF-8 bytes, without a JS string per value. A value is
 * written in pieces (`append…`) and then ended (`endValue`); a value of no bytes is NULL, because an
 * empty raw value means "no value".
 */
export class Utf8Column {
	#data: Uint8Array;
	#size = 0;
	#offsets = new Int32Array(INITIAL_VALUES + 1);
	#validity = new Uint8Array(INITIAL_VALUES >> 3);
	#length = 0;
	#nullCount = 0;

	/** `initialBytes`: a guess of the chunk's bytes in this column, to spare regrowing. */
	constructor(initialBytes = INITIAL_BYTES) {
		this.#data = new Uint8Array(Math.max(initialBytes, INITIAL_BYTES));
	}

	get length(): number {
		return this.#length;
	}

	/** The bytes written so far (of the value in progress too); valid until the next write. */
	get bytes(): Uint8Array {
		return this.#data;
	}

	/** Where value `index` starts in `bytes` (and value `index - 1` ends). */
	offsetOf(index: number): number {
		return this.#offsets[index];
	}

	/** Where the bytes written so far end. */
	get size(): number {
		return this.#size;
	}

	/**
	 * Makes room for `extra` more bytes and returns the buffer to write them into from `size` on, for a
	 * writer that scans and copies in one pass; it then calls `advance` with the new end.
	 */
	reserve(extra: number): Uint8Array {
		if (this.#size + extra > this.#data.length) this.#grow(this.#size + extra);
		return this.#data;
	}

	advance(size: number): void {
		this.#size = size;
	}

	append(source: Uint8Array, from: number, to: number): void {
		this.reserve(to - from);
		const data = this.#data;
		let at = this.#size;
		if (to - from > 64) {
			data.set(source.subarray(from, to), at);
			at += to - from;
		} else {
			for (let i = from; i < to; i++) data[at++] = source[i];
		}
		this.#size = at;
	}

	/** Appends the inside of a quoted CSV field, turning each doubled quote into one. */
	appendCsvQuoted(source: Uint8Array, from: number, to: number): void {
		this.reserve(to - from);
		const data = this.#data;
		let at = this.#size;
		for (let i = from; i < to; i++) {
			const byte = source[i];
			data[at++] = byte;
			if (byte === QUOTE) i++;
		}
		this.#size = at;
	}

	appendString(text: string): void {
		const data = this.reserve(text.length * 3);
		this.#size += encoder.encodeInto(text, data.subarray(this.#size)).written;
	}

	endValue(): void {
		if (this.#length + 1 === this.#offsets.length) this.#growValues();
		const start = this.#offsets[this.#length];
		const index = this.#length++;
		this.#offsets[this.#length] = this.#size;
		if (this.#size > start) this.#validity[index >> 3] |= 1 << (index & 7);
		else this.#nullCount++;
	}

	appendNull(): void {
		if (this.#length + 1 === this.#offsets.length) this.#growValues();
		this.#length++;
		this.#offsets[this.#length] = this.#size;
		this.#nullCount++;
	}

	/** Drops every value from `length` on, and any value in progress (validity bits past the end stay 0). */
	truncate(length: number): void {
		for (let index = length; index < this.#length; index++) {
			const bit = 1 << (index & 7);
			if (this.#validity[index >> 3] & bit) this.#validity[index >> 3] &= ~bit;
			else this.#nullCount--;
		}
		this.#length = length;
		this.#size = this.#offsets[length];
	}

	isNull(index: number): boolean {
		return (this.#validity[index >> 3] & (1 << (index & 7))) === 0;
	}

	/** The validity bitmap (bit set = not NULL) over the values so far, as a view. */
	validity(): { nullCount: number; nullBitmap: Uint8Array } {
		return { nullCount: this.#nullCount, nullBitmap: this.#validity.subarray(0, (this.#length + 7) >> 3) };
	}

	/** The column as an Arrow vector over its buffers: valid until the column is written to again. */
	toVector(): Vector<Utf8> {
		const length = this.#length;
		return makeVector(
			makeData({
				type: new Utf8(),
				length,
				nullCount: this.#nullCount,
				valueOffsets: this.#offsets.subarray(0, length + 1),
				data: this.#data.subarray(0, this.#size),
				nullBitmap: this.validity().nullBitmap
			})
		);
	}

	reset(): void {
		this.#validity.fill(0, 0, (this.#length + 7) >> 3);
		this.#length = 0;
		this.#size = 0;
		this.#nullCount = 0;
	}

	#growValues(): void {
		const offsets = new Int32Array(2 * (this.#offsets.length - 1) + 1);
		offsets.set(this.#offsets);
		this.#offsets = offsets;
		const validity = new Uint8Array(2 * this.#validity.length);
		validity.set(this.#validity);
		this.#validity = validity;
	}

	#grow(needed: number): void {
		let capacity = this.#data.length * 2;
		while (capacity < needed) capacity *= 2;
		const grown = new Uint8Array(capacity);
		grown.set(this.#data.subarray(0, this.#size));
		this.#data = grown;
	}
}

const encoder = new TextEncoder();
