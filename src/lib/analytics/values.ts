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

export function round2OrNull(value: number | null): number | null {
	return value === null ? null : round2(value);
}
