import { formatInt } from '$lib/format';

const threeDecimals = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const oneDecimal = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A scaled error (RMSSE, MASE, WRMSSE): three decimals; `—` when it could not be computed. */
export function formatScore(value: number | null | undefined): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '—' : threeDecimals.format(value);
}

/** A percentage already ×100 (sMAPE, growth), one decimal, with its sign when asked. */
export function formatPct(value: number | null | undefined, signed = false): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	const text = `${oneDecimal.format(Math.abs(value))}%`;
	return signed ? `${value > 0 ? '+' : value < 0 ? '−' : ''}${text}` : text;
}

/** Units: whole numbers below 100 keep one decimal, since forecasts of small categories are fractional. */
export function formatUnits(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return Math.abs(value) < 100 ? oneDecimal.format(value) : formatInt(value);
}

/** An axis tick of units: whole numbers as integers, fractions (small series) with one decimal. */
export function formatUnitsTick(value: number): string {
	return Number.isInteger(value) ? formatInt(value) : oneDecimal.format(value);
}
