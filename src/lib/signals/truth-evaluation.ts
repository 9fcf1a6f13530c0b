import type { EventTruth, RawTruth } from '../generate/truth';
import type { LakeManifest } from '../pipeline/types';
import type { Anomaly, AnomalyType } from './anomalies';

/**
 * The detectors scored against what the generator planted (`raw/_truth.json` → `events`): per event type,
 * recall (planted events found) and precision (the detector's anomalies that are planted events).
 */
export type PlantedEventType = 'store_outage' | 'category_promotion' | 'price_error';

export const PLANTED_EVENT_LABELS: Record<PlantedEventType, string> = {
	store_outage: 'Store outages',
	category_promotion: 'Category promotions',
	price_error: 'Price-entry errors'
};

/** The detector (anomaly type) that should find each planted event type. */
export const DETECTOR_OF: Record<PlantedEventType, AnomalyType> = {
	store_outage: 'store',
	category_promotion: 'category',
	price_error: 'price'
};

export interface EventTypeScore {
	type: PlantedEventType;
	detector: AnomalyType;
	planted: number;
	/** Planted events the data can show (a price error that no sale hit cannot be seen). */
	observable: number;
	found: number;
	/** found ÷ observable; null without any. */
	recall: number | null;
	/** The detector's anomalies, and those that are a planted event. */
	detections: number;
	truePositives: number;
	precision: number | null;
	/** The observable events not found, in words. */
	missed: string[];
	/** Ids of the detector's anomalies that match no planted event. */
	falsePositives: string[];
}

export interface AnomalyEvaluation {
	types: EventTypeScore[];
	/** Over the three types. */
	recall: number | null;
	precision: number | null;
	/** Quantity spikes: injected (truth) against listed; lines are not named in the truth, so only counts. */
	spikes: { injected: number; found: number };
}

export interface FraudEvaluation {
	/** Planted fraud orders among the web orders scored. */
	planted: number;
	flagged: number;
	truePositives: number;
	recall: number | null;
	precision: number | null;
	/** flagged ÷ web orders scored. */
	flagRate: number | null;
	byPattern: { pattern: string; planted: number; found: number; recall: number | null }[];
	/** Planted orders not flagged. */
	missed: string[];
}

/**
 * Whether the truth describes the data in the lake: the generated batch's files are all ingested, and
 * nothing else is (imported files would carry events the truth does not know of); a raw file deleted
 * since (`removed`) no longer counts.
 */
export function truthCoversLake(truth: RawTruth, manifest: LakeManifest | null): boolean {
	if (!manifest || !truth.events) return false;
	const ingested = new Set(
		(manifest.ingested ?? []).filter((entry) => entry.status !== 'removed').map((entry) => entry.path)
	);
	const generated = new Set(Object.values(truth.files).map((file) => file.path));
	return (
		[...generated].every((path) => ingested.has(path)) && [...ingested].every((path) => generated.has(path))
	);
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) =>
	a.from <= b.to && b.from <= a.to;

function ratio(part: number, whole: number): number | null {
	return whole === 0 ? null : part / whole;
}

interface PlantedEvent {
	type: PlantedEventType;
	label: string;
	observable: boolean;
	matches(anomaly: Anomaly): boolean;
}

function plantedEvents(events: EventTruth): PlantedEvent[] {
	return [
		...events.storeOutages.map((o) => ({
			type: 'store_outage' as const,
			label: `${o.storeId} closed ${o.from} … ${o.to}`,
			observable: true,
			matches: (a: Anomaly) =>
				a.type === 'store' && a.direction === 'down' && a.subject === o.storeId && overlaps(a, o)
		})),
		...events.categoryPromotions.map((p) => ({
			type: 'category_promotion' as const,
			label: `${p.category} promoted ${p.from} … ${p.to}`,
			observable: true,
			matches: (a: Anomaly) =>
				a.type === 'category' && a.direction === 'up' && a.subject === p.category && overlaps(a, p)
		})),
		...events.priceErrors.map((e) => ({
			type: 'price_error' as const,
			label: `${e.productId} priced ×${e.factor} ${e.from} … ${e.to}`,
			observable: e.lines > 0,
			matches: (a: Anomaly) =>
				a.type === 'price' &&
				a.subject === e.productId &&
				a.direction === (e.factor > 1 ? 'up' : 'down') &&
				overlaps(a, e)
		}))
	];
}

/** Scores `anomalies` (all of them, unfiltered) against the planted events. */
export function evaluateAnomalies(anomalies: readonly Anomaly[], truth: RawTruth): AnomalyEvaluation {
	const planted = plantedEvents(truth.events);
	const types = (['store_outage', 'category_promotion', 'price_error'] as const).map(
		(type): EventTypeScore => {
			const detector = DETECTOR_OF[type];
			const events = planted.filter((event) => event.type === type);
			const observable = events.filter((event) => event.observable);
			const found = observable.filter((event) => anomalies.some((a) => event.matches(a)));
			const detections = anomalies.filter((a) => a.type === detector);
			const truePositives = detections.filter((a) => events.some((event) => event.matches(a)));
			return {
				type,
				detector,
				planted: events.length,
				observable: observable.length,
				found: found.length,
				recall: ratio(found.length, observable.length),
				detections: detections.length,
				truePositives: truePositives.length,
				precision: ratio(truePositives.length, detections.length),
				missed: observable.filter((event) => !found.includes(event)).map((event) => event.label),
				falsePositives: detections.filter((a) => !truePositives.includes(a)).map((a) => a.id)
			};
		}
	);
	const sum = (pick: (score: EventTypeScore) => number) => types.reduce((total, t) => total + pick(t), 0);
	const spikeKinds = [truth.defects.pos_sales, truth.defects.web_orders];
	return {
		types,
		recall: ratio(
			sum((t) => t.found),
			sum((t) => t.observable)
		),
		precision: ratio(
			sum((t) => t.truePositives),
			sum((t) => t.detections)
		),
		spikes: {
			injected: spikeKinds.reduce((total, counts) => total + (counts.quantity_spike ?? 0), 0),
			found: anomalies.filter((a) => a.type === 'quantity_spike').length
		}
	};
}

/** Scores the flagged web orders against the planted fraud orders. */
export function evaluateFraud(
	scoredOrderIds: readonly string[],
	flaggedOrderIds: readonly string[],
	truth: RawTruth
): FraudEvaluation {
	const scored = new Set(scoredOrderIds);
	const flagged = new Set(flaggedOrderIds);
	const planted = truth.events.fraud.orders.filter((order) => scored.has(order.orderId));
	const hits = planted.filter((order) => flagged.has(order.orderId));
	const patterns = [...new Set(truth.events.fraud.orders.map((order) => order.pattern))];
	return {
		planted: planted.length,
		flagged: flagged.size,
		truePositives: hits.length,
		recall: ratio(hits.length, planted.length),
		precision: ratio(hits.length, flagged.size),
		flagRate: ratio(flagged.size, scored.size),
		byPattern: patterns.map((pattern) => {
			const mine = planted.filter((order) => order.pattern === pattern);
			const found = mine.filter((order) => flagged.has(order.orderId)).length;
			return { pattern, planted: mine.length, found, recall: ratio(found, mine.length) };
		}),
		missed: planted
			.filter((order) => !flagged.has(order.orderId))
			.map((order) => `${order.orderId} (${order.pattern})`)
	};
}
