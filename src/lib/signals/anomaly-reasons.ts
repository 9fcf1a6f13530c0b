import { formatDayRange } from '../format/date';
import { formatMoney, formatInt } from '../format/number';
import type { Anomaly } from './anomalies';

type Described = Omit<Anomaly, 'reason'>;

/** "over 26 days, 11 May – 5 Jun 2023" or "on Tue 14 Mar 2023". */
function when({ from, to, days }: Described): string {
	return days === 1 ? `on ${formatDayRange(from, to)}` : `over ${days} days, ${formatDayRange(from, to)}`;
}

function times(value: number): string {
	return `${value >= 10 ? Math.round(value) : value.toFixed(1)}×`;
}

/**
 * The anomaly in one sentence, from a template per type, every number from the anomaly itself:
 * "Retail Hub Hypermarket Koramangala (STR-BAN-01), Bangalore: ₹0 over 26 days, 11 May – 5 Jun 2023;
 * expected ₹52,000–₹1.04 L (about 24 buyers, 0 seen)."
 */
export function anomalyReason(a: Described, extra: { lines?: number; orderId?: string } = {}): string {
	switch (a.type) {
		case 'store': {
			const place = a.cities?.length ? `, ${a.cities[0]}` : '';
			const counts = `about ${formatInt(a.expected)} buyers expected, ${formatInt(a.observed)} seen`;
			return `${a.label}${place}: ${formatMoney(a.observedRevenue)} ${when(a)}; expected ${formatMoney(a.lowRevenue)}–${formatMoney(a.highRevenue)} (${counts}).`;
		}
		case 'category': {
			const ratio = a.expectedRevenue > 0 ? a.observedRevenue / a.expectedRevenue : null;
			const against = ratio === null ? 'against' : `${times(ratio)} the`;
			return `${a.label}: ${formatMoney(a.observedRevenue)} ${when(a)}, ${against} expected ${formatMoney(a.expectedRevenue)} (${formatMoney(a.lowRevenue)}–${formatMoney(a.highRevenue)}); ${formatInt(a.observed)} buyers against about ${formatInt(a.expected)}.`;
		}
		case 'price': {
			const lines = extra.lines ?? 0;
			const ratio = a.observed / a.expected;
			const how = ratio >= 1 ? `${times(ratio)} its typical` : `${times(1 / ratio)} below its typical`;
			return `${a.label} (${a.category}): charged ${formatMoney(a.observed, { compact: false })} a unit on ${formatInt(lines)} ${lines === 1 ? 'line' : 'lines'} ${when(a)}, ${how} ${formatMoney(a.expected, { compact: false })}.`;
		}
		case 'quantity_spike':
			return `${a.label} (${a.category}): ${formatInt(a.observed)} units on one line of ${extra.orderId ?? 'an order'} ${when(a)}, ${times(a.score)} the usual ${formatInt(a.expected)} (flagged by quality check 6).`;
	}
}
