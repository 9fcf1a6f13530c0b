/**
 * Numbers and money in the lake's currency (docs/import.md, "Currency"). Rupees read the Indian way: en-IN
 * digit grouping (1,23,45,678), lakh (L) and crore (Cr). Other currencies group by thousands (en-GB for
 * pounds, en-US otherwise) and compact to K, M and B. The lake's currency is set once, where the lake is
 * read (`setCurrency`); every figure formatted after that follows it.
 */

/** A currency as ISO 4217 names it: `INR`, `GBP`, `USD`… */
export type CurrencyCode = string;

/** The currency of a lake that names none: the generator's. */
export const DEFAULT_CURRENCY: CurrencyCode = 'INR';

interface MoneyFormat {
	currency: CurrencyCode;
	integer: Intl.NumberFormat;
	twoDecimals: Intl.NumberFormat;
	exact: Intl.NumberFormat;
	whole: Intl.NumberFormat;
	symbol: string;
	/** The compact units, largest first: each used from `from` up, in `size`s (thousands from 10,000 up). */
	units: CompactUnit[];
}

interface CompactUnit {
	size: number;
	from: number;
	suffix: string;
}

const INDIAN_UNITS: CompactUnit[] = [
	{ size: 1e7, from: 1e7, suffix: ' Cr' },
	{ size: 1e5, from: 1e5, suffix: ' L' }
];
const WESTERN_UNITS: CompactUnit[] = [
	{ size: 1e9, from: 1e9, suffix: 'B' },
	{ size: 1e6, from: 1e6, suffix: 'M' },
	{ size: 1e3, from: 1e4, suffix: 'K' }
];

let money = moneyFormat(DEFAULT_CURRENCY);

function moneyFormat(currency: CurrencyCode): MoneyFormat {
	const locale = currency === 'INR' ? 'en-IN' : currency === 'GBP' ? 'en-GB' : 'en-US';
	const exact = new Intl.NumberFormat(locale, { style: 'currency', currency });
	return {
		currency,
		integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
		twoDecimals: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
		exact,
		whole: new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }),
		symbol: exact.formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency,
		units: currency === 'INR' ? INDIAN_UNITS : WESTERN_UNITS
	};
}

/** Sets the currency every later figure is formatted in (an unknown code falls back to the default). */
export function setCurrency(currency: CurrencyCode): void {
	if (currency === money.currency) return;
	try {
		money = moneyFormat(currency.toUpperCase());
	} catch {
		money = moneyFormat(DEFAULT_CURRENCY);
	}
}

export function currentCurrency(): CurrencyCode {
	return money.currency;
}

/** A whole number grouped for the currency's readers: `1,23,45,678` (INR) or `12,345,678`. Fractions are rounded. */
export function formatInt(value: number | bigint): string {
	if (typeof value === 'number' && !Number.isFinite(value)) return '—';
	return money.integer.format(value);
}

/**
 * Money in the lake's currency. Compact by default, for cards and axes: `₹2.50 Cr`, `₹12.35 L`, `₹45,679`,
 * `₹499.50`; `£2.50M`, `£12.35K`, `£9,999`. `{ compact: false }` gives the exact amount for a title
 * attribute: `₹2,50,00,000.00`, `£25,000,000.00`.
 */
export function formatMoney(value: number, { compact = true }: { compact?: boolean } = {}): string {
	if (!Number.isFinite(value)) return '—';
	if (!compact) return money.exact.format(value);
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	for (const [index, { size, from, suffix }] of money.units.entries()) {
		// Promote to the larger unit when rounding in the smaller one reaches it: 99,99,999 reads ₹1.00 Cr,
		// not ₹100.00 L.
		const below = money.units[index + 1]?.size;
		const shown = below === undefined ? Math.round(abs) : roundTo2(abs / below) * below;
		if (abs >= from || shown >= from) {
			return `${sign}${money.symbol}${money.twoDecimals.format(abs / size)}${suffix}`;
		}
	}
	return abs >= 1000 ? money.whole.format(value) : money.exact.format(value);
}

function roundTo2(x: number): number {
	return Math.round(x * 100) / 100;
}
