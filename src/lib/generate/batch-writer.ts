import type { LakeStore, LakeWriter } from '../lake/lake-store';

/** Bytes are handed to the lake in chunks of about this size. */
export const CHUNK_BYTES = 1 << 20;
/** Room guaranteed for one row before it is written; longer text is checked as it is added. */
const ROW_ROOM = 4096;
/** UTF-8 needs at most three bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;
const LINE_FEED = 10;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const ZERO = 48;
const TENS = Uint8Array.from({ length: 100 }, (_, i) => ZERO + Math.floor(i / 10));
const ONES = Uint8Array.from({ length: 100 }, (_, i) => ZERO + (i % 10));

const encoder = new TextEncoder();

/**
 * One raw file being written, row by row, straight into UTF-8 bytes: constant fragments are copied,
 * numbers, amounts and times are written digit by digit, and only rare free text goes through
 * `TextEncoder`. No string per row, so no rope to flatten and little garbage; the bytes reach the
 * lake through an atomic `LakeWriter` in ~1 MB chunks, so memory stays flat however large the file.
 */
export class RawFileWriter {
	/** Data rows written (the header is not a row). */
	rows = 0;
	/** Bytes handed to the lake so far. */
	bytes = 0;
	#buffer = new Uint8Array(2 * CHUNK_BYTES);
	#at = 0;
	#rowStart = 0;
	readonly #resent: Uint8Array[] = [];

	private constructor(
		readonly path: string,
		private readonly writer: LakeWriter,
		header: string
	) {
		this.text(header);
	}

	static async open(store: LakeStore, path: string, header: string): Promise<RawFileWriter> {
		return new RawFileWriter(path, await store.writer(path), header);
	}

	beginRow(): void {
		this.#ensure(ROW_ROOM);
		this.#rowStart = this.#at;
	}

	/** Ends the row with a line feed. */
	endRow(): void {
		this.#buffer[this.#at++] = LINE_FEED;
		this.rows++;
	}

	/** Keeps a copy of the row just ended, to re-send it with `writeResent` (an exact duplicate). */
	resendLater(): void {
		this.#resent.push(this.#buffer.slice(this.#rowStart, this.#at));
	}

	/** Writes the copies kept by `resendLater`, as rows of their own. */
	writeResent(): void {
		for (const row of this.#resent) {
			this.#ensure(row.length);
			this.#buffer.set(row, this.#at);
			this.#at += row.length;
			this.rows++;
		}
		this.#resent.length = 0;
	}

	/** Copies encoded bytes: a loop for a few bytes, `set` (a fixed cost at any length) for more. */
	put(bytes: Uint8Array): void {
		const length = bytes.length;
		if (length > 8) {
			this.#buffer.set(bytes, this.#at);
			this.#at += length;
			return;
		}
		const buffer = this.#buffer;
		let at = this.#at;
		for (let i = 0; i < length; i++) buffer[at++] = bytes[i];
		this.#at = at;
	}

	/** One ASCII character by code. */
	char(code: number): void {
		this.#buffer[this.#at++] = code;
	}

	/** Any text, encoded as UTF-8 (for the rare, variable parts). */
	text(text: string): void {
		this.#ensure(text.length * MAX_BYTES_PER_CHAR);
		this.#at += encoder.encodeInto(text, this.#buffer.subarray(this.#at)).written;
	}

	/** An integer in decimal. */
	int(value: number): void {
		if (value < 0) {
			this.#buffer[this.#at++] = MINUS;
			value = -value;
		}
		if (value < 10) this.#buffer[this.#at++] = ZERO + value;
		else this.padded(value, digitCount(value));
	}

	/** A non-negative integer in exactly `width` digits, zero-padded. */
	padded(value: number, width: number): void {
		const buffer = this.#buffer;
		let at = this.#at + width;
		this.#at = at;
		for (let i = 0; i < width; i++) {
			const next = Math.floor(value / 10);
			buffer[--at] = ZERO + value - next * 10;
			value = next;
		}
	}

	/** An amount in paise as rupees with two decimals: `-129900` → `-1299.00`. */
	paise(value: number): void {
		if (value < 0) {
			this.#buffer[this.#at++] = MINUS;
			value = -value;
		}
		const rupees = Math.floor(value / 100);
		this.int(rupees);
		this.#buffer[this.#at++] = DOT;
		this.#twoDigits(value - rupees * 100);
	}

	/** `HH:MM:SS` of a second of the day. */
	clock(secondOfDay: number): void {
		const hours = Math.floor(secondOfDay / 3600);
		const minutes = Math.floor((secondOfDay - hours * 3600) / 60);
		this.#twoDigits(hours);
		this.#buffer[this.#at++] = COLON;
		this.#twoDigits(minutes);
		this.#buffer[this.#at++] = COLON;
		this.#twoDigits(secondOfDay - hours * 3600 - minutes * 60);
	}

	/** 0 … 99 as two digits, from tables instead of divisions. */
	#twoDigits(value: number): void {
		this.#buffer[this.#at++] = TENS[value];
		this.#buffer[this.#at++] = ONES[value];
	}

	/** Hands the bytes written so far to the lake once they fill a chunk. */
	async flushIfFull(): Promise<void> {
		if (this.#at >= CHUNK_BYTES) await this.#write();
	}

	/**
	 * Publishes the file. `unterminatedTail`, when given, becomes a last row without its line feed: the
	 * "short file" whose final line was cut off in transfer.
	 */
	async close(unterminatedTail?: string): Promise<void> {
		if (unterminatedTail !== undefined) {
			this.text(unterminatedTail);
			this.rows++;
		}
		await this.#write();
		await this.writer.close();
	}

	async abort(): Promise<void> {
		this.#at = 0;
		await this.writer.abort();
	}

	#ensure(room: number): void {
		if (this.#at + room <= this.#buffer.length) return;
		const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.#at + room));
		grown.set(this.#buffer.subarray(0, this.#at));
		this.#buffer = grown;
	}

	async #write(): Promise<void> {
		if (this.#at === 0) return;
		// Every LakeStore adapter has consumed (copied or written) a chunk when `write` resolves, so the
		// buffer is reused afterwards instead of copying each chunk.
		const size = this.#at;
		await this.writer.write(this.#buffer.subarray(0, size));
		this.#at = 0;
		this.bytes += size;
	}
}

function digitCount(value: number): number {
	if (value < 10) return 1;
	if (value < 100) return 2;
	if (value < 1000) return 3;
	if (value < 10_000) return 4;
	let digits = 5;
	for (let rest = Math.floor(value / 100_000); rest > 0; rest = Math.floor(rest / 10)) digits++;
	return digits;
}

/** Strings encoded once, written by index: product names, customer addresses, dates. */
export class FragmentTable {
	readonly #encoded: readonly Uint8Array[];

	constructor(texts: readonly string[]) {
		// Views into one shared buffer: one allocation instead of one ArrayBuffer per string.
		const pool = new Uint8Array(texts.reduce((sum, text) => sum + text.length * MAX_BYTES_PER_CHAR, 0));
		let at = 0;
		this.#encoded = texts.map((text) => {
			const start = at;
			at += encoder.encodeInto(text, pool.subarray(at)).written;
			return pool.subarray(start, at);
		});
	}

	get length(): number {
		return this.#encoded.length;
	}

	writeTo(file: RawFileWriter, index: number): void {
		file.put(this.#encoded[index]);
	}
}

export function encodeText(text: string): Uint8Array {
	return encoder.encode(text);
}
