import type { SqlValue } from '../sql/sql-engine';

/** A numeric SQL value (BIGINT arrives as bigint, DECIMAL and DOUBLE as number) as a JS number; NULL → 0. */
export function toNumber(value: SqlValue): number {
	if (value === null) return 0;
	if (typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	throw new TypeError(`Expected a number, got ${String(value)}.`);
}

/** Money and percentages for display, rounded once at the end. */
export function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

/** `numerator ÷ denominator`, or null where the denominator is 0 (no orders, no revenue…). */
export function ratio(numerator: number, denominator: number): number | null {
	return denominator === 0 ? null : numerator / denominator;
}

/** A nullable SQL value as a number (numberOrNull) or as text (textOrNull), NULL as null. */
export function numberOrNull(value: SqlValue): number | null {
	return value === null ? null : toNumber(value);
}

export function textOrNull(value: SqlValue): string | null {
	return value === null ? null : String(value);
}

/** Text in DuckDB's VARCHAR order (bytes; the same as JavaScript's for text without characters past U+FFFF). */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function round2OrNull(value: number | null): number | null {
	return value === null ? null : round2(value);
}
