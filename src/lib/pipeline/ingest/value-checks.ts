/**
 * Strict checks of raw values, on their UTF-8 bytes, per Bronze type (docs/pipeline.md "Parsing").
 * DuckDB's casts are too lenient to be the judge (`' 12'`, `1e3`, `24:00:00` all cast), so a value is
 * cast only after it passed here, and every value that passes casts.
 */
import type { BronzeType } from '../../contracts/raw-contracts';

/** Whether `bytes[from, to)` (non-empty) is a valid text for the type. */
export type ValueCheck = (bytes: Uint8Array, from: number, to: number) => boolean;

const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const SPACE = 0x20;
const ZERO = 0x30;
const INT32_MAX = 2_147_483_647;
const MAX_FRACTION_DIGITS = 6;

/** The check for each type (VARCHAR takes anything) and how a failure is worded. */
export const VALUE_CHECKS: Record<BronzeType, { check: ValueCheck | null; expected: string }> = {
	VARCHAR: { check: null, expected: '' },
	INTEGER: { check: isInteger, expected: 'is not an integer' },
	DATE: { check: isDate, expected: 'is not a date (YYYY-MM-DD)' },
	TIMESTAMP: { check: isTimestamp, expected: 'is not a timestamp (YYYY-MM-DD HH:MM:SS)' },
	'DECIMAL(12,2)': { check: decimalCheck(12, 2), expected: 'is not a decimal(12,2)' },
	'DECIMAL(14,2)': { check: decimalCheck(14, 2), expected: 'is not a decimal(14,2)' }
};

/** An optional minus and digits, within INTEGER's range. */
function isInteger(bytes: Uint8Array, from: number, to: number): boolean {
	const negative = bytes[from] === MINUS;
	const digitsFrom = negative ? from + 1 : from;
	if (!allDigits(bytes, digitsFrom, to)) return false;
	let start = digitsFrom;
	while (start < to - 1 && bytes[start] === ZERO) start++;
	if (to - start > 10) return false;
	const magnitude = digitsValue(bytes, start, to);
	return magnitude <= (negative ? INT32_MAX + 1 : INT32_MAX);
}

/** An optional minus, digits, and an optional fraction of 1 to `scale` digits; within the precision. */
function decimalCheck(precision: number, scale: number): ValueCheck {
	const maxIntegerDigits = precision - scale;
	return (bytes, from, to) => {
		const digitsFrom = bytes[from] === MINUS ? from + 1 : from;
		let dot = to;
		for (let i = digitsFrom; i < to; i++) {
			if (bytes[i] === DOT) {
				dot = i;
				break;
			}
		}
		if (!allDigits(bytes, digitsFrom, dot)) return false;
		if (dot < to && (to - dot - 1 > scale || !allDigits(bytes, dot + 1, to))) return false;
		let start = digitsFrom;
		while (start < dot - 1 && bytes[start] === ZERO) start++;
		return dot - start <= maxIntegerDigits;
	};
}

/** `YYYY-MM-DD`, a day that exists. */
function isDate(bytes: Uint8Array, from: number, to: number): boolean {
	return to - from === 10 && isDateAt(bytes, from);
}

/** `YYYY-MM-DD`, or that followed by ` HH:MM:SS` and an optional fraction of up to 6 digits. */
function isTimestamp(bytes: Uint8Array, from: number, to: number): boolean {
	const length = to - from;
	if (length === 10) return isDateAt(bytes, from);
	if (length < 19 || !isDateAt(bytes, from) || bytes[from + 10] !== SPACE) return false;
	const t = from + 11;
	const clockOk =
		bytes[t + 2] === COLON &&
		bytes[t + 5] === COLON &&
		twoDigitsAtMost(bytes, t, 23) &&
		twoDigitsAtMost(bytes, t + 3, 59) &&
		twoDigitsAtMost(bytes, t + 6, 59);
	if (!clockOk) return false;
	if (length === 19) return true;
	return bytes[from + 19] === DOT && length <= 20 + MAX_FRACTION_DIGITS && allDigits(bytes, from + 20, to);
}

function isDateAt(bytes: Uint8Array, at: number): boolean {
	if (bytes[at + 4] !== MINUS || bytes[at + 7] !== MINUS) return false;
	if (
		!allDigits(bytes, at, at + 4) ||
		!allDigits(bytes, at + 5, at + 7) ||
		!allDigits(bytes, at + 8, at + 10)
	) {
		return false;
	}
	const year = digitsValue(bytes, at, at + 4);
	const month = digitsValue(bytes, at + 5, at + 7);
	const day = digitsValue(bytes, at + 8, at + 10);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function twoDigitsAtMost(bytes: Uint8Array, at: number, max: number): boolean {
	return allDigits(bytes, at, at + 2) && digitsValue(bytes, at, at + 2) <= max;
}

/** At least one byte, all ASCII digits. */
function allDigits(bytes: Uint8Array, from: number, to: number): boolean {
	if (from >= to) return false;
	for (let i = from; i < to; i++) {
		const d = bytes[i] - ZERO;
		if (d < 0 || d > 9) return false;
	}
	return true;
}

function digitsValue(bytes: Uint8Array, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + (bytes[i] - ZERO);
	return value;
}
