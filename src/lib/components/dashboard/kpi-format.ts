import { formatMoney, formatInt } from '$lib/format';

/**
 * How a dashboard number reads: `money` (₹, compact), `count` (en-IN integer), `percent` (already ×100,
 * e.g. a gross margin of 32.5), `fraction` (0–1, shown as a percentage), `days`, `decimal`, `ratio` (×).
 */
export type ValueKind = 'money' | 'count' | 'percent' | 'fraction' | 'days' | 'decimal' | 'ratio';

const oneDecimal = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const exactDecimals = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 6 });

function finite(value: number | null | undefined): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** A value as a card or a table cell shows it; `—` for null or a value that is not a number. */
export function formatValue(kind: ValueKind, value: number | null | undefined): string {
	if (!finite(value)) return '—';
	switch (kind) {
		case 'money':
			return formatMoney(value);
		case 'count':
			return formatInt(value);
		case 'percent':
			return `${oneDecimal.format(value)}%`;
		case 'fraction':
			return `${oneDecimal.format(value * 100)}%`;
		case 'days':
			return `${oneDecimal.format(value)} ${value === 1 ? 'day' : 'days'}`;
		case 'decimal':
			return twoDecimals.format(value);
		case 'ratio':
			return `${twoDecimals.format(value)}×`;
	}
}

/** The exact value, for a title attribute: every rupee and paisa, every digit of a rate. */
export function exactValue(kind: ValueKind, value: number | null | undefined): string {
	if (!finite(value)) return 'No value';
	switch (kind) {
		case 'money':
			return formatMoney(value, { compact: false });
		case 'count':
			return formatInt(value);
		case 'fraction':
			return `${exactDecimals.format(value * 100)}%`;
		case 'percent':
			return `${exactDecimals.format(value)}%`;
		case 'days':
			return `${exactDecimals.format(value)} days`;
		default:
			return exactDecimals.format(value);
	}
}

/** The change from `previous` to `current` as a fraction (0.1 = +10%); null when it cannot be computed. */
export function relativeChange(
	current: number | null | undefined,
	previous: number | null | undefined
): number | null {
	if (!finite(current) || !finite(previous) || previous === 0) return null;
	return (current - previous) / Math.abs(previous);
}

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface ChangeLook {
	direction: ChangeDirection;
	/** `▲ 12.3%`, `▼ 4.0%`, `0.0%`. */
	text: string;
	/** The change in words, for screen readers and titles: `up 12.3% on the previous period`. */
	words: string;
	/** Whether the change is good news: depends on whether more of the KPI is better. */
	tone: 'good' | 'bad' | 'neutral';
}

/** A change as an arrow, a percentage and words; `higherIsBetter` picks the colour's meaning. */
export function describeChange(change: number, higherIsBetter = true): ChangeLook {
	const pct = oneDecimal.format(Math.abs(change) * 100);
	const direction: ChangeDirection = pct === '0.0' ? 'flat' : change > 0 ? 'up' : 'down';
	if (direction === 'flat')
		return { direction, text: '0.0%', words: 'unchanged on the previous period', tone: 'neutral' };
	const good = (direction === 'up') === higherIsBetter;
	return {
		direction,
		text: `${direction === 'up' ? '▲' : '▼'} ${pct}%`,
		words: `${direction} ${pct}% on the previous period`,
		tone: good ? 'good' : 'bad'
	};
}

/** A raw value as a `data-value` attribute: the number as JavaScript writes it, '' for null. */
export function rawValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' && !Number.isFinite(value)) return '';
	return String(value);
}
