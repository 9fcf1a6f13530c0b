/** Numbers and money for Indian readers: en-IN digit grouping (1,23,45,678), ₹, lakh (L) and crore (Cr). */

const LAKH = 1e5;
const CRORE = 1e7;

const integer = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const wholeRupees = new Intl.NumberFormat('en-IN', {
	style: 'currency',
	currency: 'INR',
	maximumFractionDigits: 0
});

/** A whole number with en-IN grouping: 12345678 → `1,23,45,678`. Fractions are rounded. */
export function formatInt(value: number | bigint): string {
	if (typeof value === 'number' && !Number.isFinite(value)) return '—';
	return integer.format(value);
}

/**
 * Rupees. Compact by default, for cards and axes: `₹2.50 Cr`, `₹12.35 L`, `₹45,679`, `₹499.50`.
 * `{ compact: false }` gives the exact amount for a title attribute: `₹2,50,00,000.00`.
 */
export function formatINR(value: number, { compact = true }: { compact?: boolean } = {}): string {
	if (!Number.isFinite(value)) return '—';
	if (!compact) return rupees.format(value);
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	// Promote to the larger unit when rounding reaches it: 99,99,999 reads ₹1.00 Cr, not ₹100.00 L.
	if (abs >= CRORE || roundTo2(abs / LAKH) >= 100) return `${sign}₹${twoDecimals.format(abs / CRORE)} Cr`;
	if (abs >= LAKH || Math.round(abs) >= LAKH) return `${sign}₹${twoDecimals.format(abs / LAKH)} L`;
	return abs >= 1000 ? wholeRupees.format(value) : rupees.format(value);
}

function roundTo2(x: number): number {
	return Math.round(x * 100) / 100;
}
