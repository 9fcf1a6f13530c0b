import type { KpiFilters } from '../analytics/filters';
import {
	ANOMALY_TYPES,
	SCORE_MEANINGS,
	type Anomaly,
	type AnomalySettings,
	type AnomalyType
} from './anomalies';
import { FLAG_SCORE, FRAUD_SIGNALS, type FraudSignal, type ScoredOrder } from './fraud';
import { TRUTH_NOTES, type SignalsData, type TruthStatus } from './signals-data';
import type { AnomalyEvaluation, FraudEvaluation } from './truth-evaluation';

/**
 * The Anomalies and Fraud pages' reports: what detection found on all of Gold, narrowed to what the
 * dashboards' filters select. Precision and recall always cover everything (they are the detectors'
 * scores, not the selection's).
 */

export const SIGNALS_PAGES = ['anomalies', 'fraud'] as const;
export type SignalsPage = (typeof SIGNALS_PAGES)[number];

export interface SignalsReports {
	anomalies: AnomalyReport;
	fraud: FraudReport;
}

export function isSignalsPage(value: string): value is SignalsPage {
	return (SIGNALS_PAGES as readonly string[]).includes(value);
}

/** Whether an anomaly falls in the filters: its days overlap the range; its place, channel and category fit. */
export function anomalyMatches(anomaly: Anomaly, filters: KpiFilters): boolean {
	if (filters.from !== undefined && anomaly.to < filters.from) return false;
	if (filters.to !== undefined && anomaly.from > filters.to) return false;
	if (filters.city !== undefined && !anomaly.cities?.includes(filters.city)) return false;
	if (filters.channel !== undefined && !anomaly.channels.includes(filters.channel)) return false;
	if (filters.category !== undefined && anomaly.category !== filters.category) return false;
	return true;
}

export interface AnomalyReport {
	runId: string;
	dataStart: string | null;
	dataEnd: string | null;
	/** Anomalies found in all the data; `anomalies` are those the filters select, largest |impact| first. */
	total: number;
	anomalies: Anomaly[];
	byType: { type: AnomalyType; count: number }[];
	/** Per city (a category anomaly is national: "All cities"), most first. */
	byCity: { city: string; count: number }[];
	/** Per month of the anomalies' first day, every month of the data, each type's count. */
	timeline: { month: string; counts: Record<AnomalyType, number> }[];
	/** Why some anomalies are not listed under these filters. */
	notes: string[];
	scoreMeanings: Record<AnomalyType, string>;
	settings: AnomalySettings;
	truth: TruthStatus;
	truthNote: string;
	evaluation: AnomalyEvaluation | null;
	elapsedMs: number;
}

export const NATIONAL = 'All cities';

export function anomalyReport(data: SignalsData, filters: KpiFilters): AnomalyReport {
	const { detected } = data;
	const anomalies = detected.anomalies.filter((anomaly) => anomalyMatches(anomaly, filters));
	const zero = () =>
		Object.fromEntries(ANOMALY_TYPES.map((type) => [type, 0])) as Record<AnomalyType, number>;
	const months = new Map<string, Record<AnomalyType, number>>();
	for (const month of monthsBetween(filters.from ?? detected.dataStart, filters.to ?? detected.dataEnd)) {
		months.set(month, zero());
	}
	const cities = new Map<string, number>();
	for (const anomaly of anomalies) {
		const month = months.get(anomaly.from.slice(0, 7));
		if (month) month[anomaly.type]++;
		for (const city of anomaly.cities ?? [NATIONAL]) cities.set(city, (cities.get(city) ?? 0) + 1);
	}
	const notes: string[] = [];
	const hidden = (type: AnomalyType) =>
		detected.anomalies.some((a) => a.type === type && !anomalyMatches(a, filters) && anomalyMatches(a, {}));
	if (filters.city !== undefined && hidden('category')) {
		notes.push('Category anomalies are found over every city: clear the city filter to list them.');
	}
	if (filters.category !== undefined && hidden('store')) {
		notes.push('Store anomalies cover every category: clear the category filter to list them.');
	}
	if (filters.channel === 'web' && hidden('store')) {
		notes.push('Store anomalies are in-store sales: choose all channels or In store to list them.');
	}
	return {
		runId: data.runId,
		dataStart: detected.dataStart,
		dataEnd: detected.dataEnd,
		total: detected.anomalies.length,
		anomalies,
		byType: ANOMALY_TYPES.map((type) => ({ type, count: anomalies.filter((a) => a.type === type).length })),
		byCity: [...cities]
			.map(([city, count]) => ({ city, count }))
			.sort((a, b) => b.count - a.count || a.city.localeCompare(b.city)),
		timeline: [...months].map(([month, counts]) => ({ month, counts })),
		notes,
		scoreMeanings: SCORE_MEANINGS,
		settings: detected.settings,
		truth: data.truth,
		truthNote: TRUTH_NOTES[data.truth],
		evaluation: data.anomalyEvaluation,
		elapsedMs: data.elapsedMs
	};
}

/** `YYYY-MM` of every month from `from`'s to `to`'s (`YYYY-MM-DD`); none without both. */
function monthsBetween(from: string | null, to: string | null): string[] {
	if (!from || !to || from > to) return [];
	const months: string[] = [];
	let [year, month] = from.slice(0, 7).split('-').map(Number);
	const last = to.slice(0, 7);
	for (;;) {
		const key = `${year}-${String(month).padStart(2, '0')}`;
		months.push(key);
		if (key >= last) return months;
		month = month === 12 ? 1 : month + 1;
		if (month === 1) year++;
	}
}

/** Whether a scored web order falls in the filters (its city: the account's or the ship-to). */
export function orderMatches(order: ScoredOrder, filters: KpiFilters): boolean {
	const day = order.ts.slice(0, 10);
	if (filters.from !== undefined && day < filters.from) return false;
	if (filters.to !== undefined && day > filters.to) return false;
	if (filters.city !== undefined && order.accountCity !== filters.city && order.shipCity !== filters.city)
		return false;
	if (filters.channel === 'pos') return false;
	if (filters.category !== undefined && !order.categories.includes(filters.category)) return false;
	return true;
}

export interface FraudReport {
	runId: string;
	/** Web orders the filters select, and those flagged. */
	scored: number;
	flagged: number;
	flagRate: number | null;
	/** Orders scoring from half the flag score up to it: worth a glance, not flagged. */
	watch: number;
	flagScore: number;
	signals: (FraudSignal & { fired: number; firedFlagged: number })[];
	byCity: { city: string; scored: number; flagged: number }[];
	byChannel: { channel: 'web' | 'pos'; scored: number; flagged: number }[];
	/** Orders per score band. */
	scoreBands: { band: string; from: number; to: number; orders: number }[];
	/** The flagged orders, highest score first (then newest). */
	queue: ScoredOrder[];
	truth: TruthStatus;
	truthNote: string;
	evaluation: FraudEvaluation | null;
	elapsedMs: number;
}

const SCORE_BANDS: [number, number][] = [
	[0, 0],
	[1, 24],
	[25, 49],
	[50, 74],
	[75, 100]
];

export function fraudReport(data: SignalsData, filters: KpiFilters): FraudReport {
	const orders = data.orders.filter((order) => orderMatches(order, filters));
	const flagged = orders.filter((order) => order.flagged);
	const cities = new Map<string, { scored: number; flagged: number }>();
	for (const order of orders) {
		const entry = cities.get(order.accountCity) ?? { scored: 0, flagged: 0 };
		entry.scored++;
		if (order.flagged) entry.flagged++;
		cities.set(order.accountCity, entry);
	}
	return {
		runId: data.runId,
		scored: orders.length,
		flagged: flagged.length,
		flagRate: orders.length === 0 ? null : flagged.length / orders.length,
		watch: orders.filter((order) => order.score >= FLAG_SCORE / 2 && !order.flagged).length,
		flagScore: FLAG_SCORE,
		signals: FRAUD_SIGNALS.map((signal) => ({
			...signal,
			fired: orders.filter((order) => order.signals.includes(signal.id)).length,
			firedFlagged: flagged.filter((order) => order.signals.includes(signal.id)).length
		})),
		byCity: [...cities]
			.map(([city, counts]) => ({ city, ...counts }))
			.sort((a, b) => b.flagged - a.flagged || b.scored - a.scored || a.city.localeCompare(b.city)),
		byChannel: [
			{ channel: 'web', scored: orders.length, flagged: flagged.length },
			{ channel: 'pos', scored: 0, flagged: 0 }
		],
		scoreBands: SCORE_BANDS.map(([from, to]) => ({
			band: from === to ? String(from) : `${from}–${to}`,
			from,
			to,
			orders: orders.filter((order) => order.score >= from && order.score <= to).length
		})),
		queue: [...flagged].sort((a, b) => b.score - a.score || b.ts.localeCompare(a.ts)),
		truth: data.truth,
		truthNote: TRUTH_NOTES[data.truth],
		evaluation: data.fraudEvaluation,
		elapsedMs: data.elapsedMs
	};
}
