import {
	DateDay,
	Decimal,
	Int32,
	makeData,
	makeVector,
	TimestampMicrosecond,
	type Vector
} from 'apache-arrow';
import type { BronzeType } from '../../contracts/raw-contracts';
import type { Utf8Column } from './utf8-column';

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const SECONDS_PER_DAY = 86_400;
const TWO_POW_32 = 4_294_967_296;
const DECIMAL_SCALE = 2;

/**
 * A staged text column as an Arrow vector of its Bronze type, so DuckDB takes the values as they are
 * (no SQL cast, no second string copy). Every non-NULL value must have passed its `VALUE_CHECKS` entry:
 * the parsing here trusts the shape.
 */
export function typedVector(type: BronzeType, column: Utf8Column): Vector {
	const length = column.length;
	switch (type) {
		case 'VARCHAR':
			return column.toVector();
		case 'INTEGER': {
			const values = new Int32Array(length);
			eachValue(column, (i, bytes, from, to) => (values[i] = parseInteger(bytes, from, to)));
			return makeVector(makeData({ type: new Int32(), data: values, ...validityOf(column) }));
		}
		case 'DATE': {
			const days = new Int32Array(length);
			eachValue(column, (i, bytes, from) => (days[i] = epochDay(bytes, from)));
			return makeVector(makeData({ type: new DateDay(), data: days, ...validityOf(column) }));
		}
		case 'TIMESTAMP': {
			const words = new Int32Array(2 * length);
			eachValue(column, (i, bytes, from, to) => writeEpochMicros(words, 2 * i, bytes, from, to));
			const data = new BigInt64Array(words.buffer);
			return makeVector(makeData({ type: new TimestampMicrosecond(), data, ...validityOf(column) }));
		}
		case 'DECIMAL(12,2)':
		case 'DECIMAL(14,2)': {
			const words = new Int32Array(4 * length);
			eachValue(column, (i, bytes, from, to) => {
				const unscaled = parseDecimal(bytes, from, to, DECIMAL_SCALE);
				writeInt64(words, 4 * i, unscaled);
				words[4 * i + 2] = words[4 * i + 3] = unscaled < 0 ? -1 : 0;
			});
			const decimal = new Decimal(DECIMAL_SCALE, type === 'DECIMAL(12,2)' ? 12 : 14, 128);
			return makeVector(makeData({ type: decimal, data: words, ...validityOf(column) }));
		}
	}
}

function eachValue(
	column: Utf8Column,
	visit: (index: number, bytes: Uint8Array, from: number, to: number) => void
): void {
	const bytes = column.bytes;
	for (let i = 0; i < column.length; i++) {
		if (!column.isNull(i)) visit(i, bytes, column.offsetOf(i), column.offsetOf(i + 1));
	}
}

function validityOf(column: Utf8Column): { length: number; nullCount: number; nullBitmap: Uint8Array } {
	return { length: column.length, ...column.validity() };
}

/** A 64-bit integer that is a safe JS integer, as two little-endian 32-bit words. */
function writeInt64(out: Int32Array, at: number, value: number): void {
	const high = Math.floor(value / TWO_POW_32);
	out[at] = value - high * TWO_POW_32;
	out[at + 1] = high;
}

/** Microseconds since the epoch of `YYYY-MM-DD[ HH:MM:SS[.f…]]`, exact even beyond 2^53 µs. */
function writeEpochMicros(out: Int32Array, at: number, bytes: Uint8Array, from: number, to: number): void {
	let seconds = epochDay(bytes, from) * SECONDS_PER_DAY;
	let micros = 0;
	if (to - from > 10) {
		seconds +=
			digits(bytes, from + 11, 2) * 3600 + digits(bytes, from + 14, 2) * 60 + digits(bytes, from + 17, 2);
		for (let i = from + 20, scale = 100_000; i < to; i++, scale /= 10) micros += (bytes[i] - ZERO) * scale;
	}
	const value = seconds * 1e6 + micros;
	if (Number.isSafeInteger(value)) return writeInt64(out, at, value);
	const exact = BigInt(seconds) * 1_000_000n + BigInt(micros);
	out[at] = Number(BigInt.asIntN(32, exact));
	out[at + 1] = Number(exact >> 32n);
}

function parseInteger(bytes: Uint8Array, from: number, to: number): number {
	const negative = bytes[from] === MINUS;
	let value = 0;
	for (let i = negative ? from + 1 : from; i < to; i++) value = value * 10 + (bytes[i] - ZERO);
	return negative ? -value : value;
}

/** The value times 10^scale, exactly (a DECIMAL(14,2) stays below 2^53). */
function parseDecimal(bytes: Uint8Array, from: number, to: number, scale: number): number {
	const negative = bytes[from] === MINUS;
	let value = 0;
	let fractionDigits = -1;
	for (let i = negative ? from + 1 : from; i < to; i++) {
		if (bytes[i] === DOT) fractionDigits = 0;
		else {
			value = value * 10 + (bytes[i] - ZERO);
			if (fractionDigits >= 0) fractionDigits++;
		}
	}
	for (let digits = Math.max(fractionDigits, 0); digits < scale; digits++) value *= 10;
	return negative ? -value : value;
}

/** Days since 1970-01-01 of the `YYYY-MM-DD` at `at` (proleptic Gregorian, H. Hinnant's algorithm). */
function epochDay(bytes: Uint8Array, at: number): number {
	const month = digits(bytes, at + 5, 2);
	const day = digits(bytes, at + 8, 2);
	const year = digits(bytes, at, 4) - (month <= 2 ? 1 : 0);
	const era = Math.floor(year / 400);
	const yearOfEra = year - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

function digits(bytes: Uint8Array, at: number, count: number): number {
	let value = 0;
	for (let i = at; i < at + count; i++) value = value * 10 + (bytes[i] - ZERO);
	return value;
}
