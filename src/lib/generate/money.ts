import { TWO_DIGITS } from '../calendar/dates';

/** Amounts are integer paise (1/100 rupee), so sums and products stay exact. `129900` → `1299.00`. */
export function formatPaise(paise: number): string {
	if (paise < 0) return `-${formatPaise(-paise)}`;
	const rupees = Math.floor(paise / 100);
	return `${rupees}.${TWO_DIGITS[paise - rupees * 100]}`;
}

/** How a person writes an amount on a form: `₹1,29,999.00` (en-IN grouping, by hand, no locale). */
export function formatRupeesForHumans(paise: number): string {
	const [rupees, fraction] = formatPaise(paise).split('.');
	const lastThree = rupees.slice(-3);
	const rest = rupees.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',');
	return `₹${rest === '' ? lastThree : `${rest},${lastThree}`}.${fraction}`;
}
