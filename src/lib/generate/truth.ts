import { CATEGORIES, NATURAL_MAX_QUANTITY, type Category } from './catalog';
import type { GeneratorConfig } from './config';
import { formatDate, formatTimestamp } from '../calendar/dates';
import {
	DEFECT_CHECKS,
	FUTURE_OFFSET_MIN_DAYS,
	SPIKE_QUANTITY_RANGE,
	SPIKE_RULE,
	type DefectCheck,
	type DefectCounts,
	type DefectKind
} from './defects';
import { DEMAND_FACTORS, POS_MEAN_LINES, WEB_MEAN_LINES } from './demand';
import type { FraudOrderRecord, PlantedEvents } from './event-runtime';
import { EVENT_RULES, type FraudPattern } from './planted-events';
import { PRICE_BAND } from './pricing';
import type { RawDataset } from '../contracts/raw-contracts';
import type { RetailWorld } from './retail-world';

export const GENERATOR_NAME = 'retail-data-hub synthetic generator';
/** Bump when the same config would produce different files. */
export const GENERATOR_VERSION = '1.1.0';

/** `raw/_truth.json`: what a run injected and planted, so tests can check the pipeline finds exactly that. */
export interface RawTruth {
	generator: { name: string; version: string };
	batchId: string;
	seed: number;
	config: GeneratorConfig;
	/** The "now" of the extract (`to` 23:59:59): no clean event time is later. */
	referenceTime: string;
	/** Every future-dated defect is on or after this day, 30 years past the range. */
	futureDatesFrom: string;
	/** Physical data rows (header excluded, defective and truncated rows included) and bytes per file. */
	files: Record<RawDataset, { path: string; format: 'csv' | 'ndjson'; rows: number; bytes: number }>;
	/** Exact count of each injected defect, per dataset; a defective row carries exactly one. */
	defects: Record<RawDataset, DefectCounts>;
	/** What each defect kind is, which quality check must catch it (0 = type casting) and how. */
	defectKinds: Record<DefectKind, DefectCheck>;
	/** Natural quantities never exceed `naturalMaxQuantity`; spikes lie in `spikeQuantityRange`. */
	spikeRule: {
		rule: string;
		iqrMultiplier: number;
		floor: number;
		naturalMaxQuantity: number;
		spikeQuantityRange: readonly [number, number];
	};
	/** Clean unit prices lie within [min, max] × the product's list price. */
	priceBand: { minShareOfList: number; maxShareOfList: number };
	associations: PlantedAssociationTruth[];
	demand: DemandTruth;
	/** Sales lines (valid or not) and orders as generated; duplicate copies and the truncated line excluded. */
	sales: { targetLines: number; posLines: number; webLines: number; posInvoices: number; webOrders: number };
	customers: { count: number; movers: number; churnedInRange: number };
	inventory: { policy: string; snapshotDay: 'Sunday'; snapshotEveryWeeks: number; snapshots: number };
	/** Events planted for the anomaly and fraud detectors, as they happened. */
	events: EventTruth;
}

export interface EventTruth {
	rules: typeof EVENT_RULES;
	/** A store's floor closed: no invoice from `from` to `to` (its warehouse kept shipping web orders). */
	storeOutages: {
		storeId: string;
		storeName: string;
		city: string;
		from: string;
		to: string;
		days: number;
		expectedInvoicesLost: number;
	}[];
	/** A product's price keyed 10× or ÷10 on its clean lines, every store and the web, `from` … `to`. */
	priceErrors: {
		productId: string;
		productName: string;
		factor: 0.1 | 10;
		from: string;
		to: string;
		lines: number;
	}[];
	/** A category sold at a discount, its lines lifted by `lift` through extra single-line orders. */
	categoryPromotions: {
		category: string;
		from: string;
		to: string;
		lift: number;
		discount: number;
		extraOrders: number;
	}[];
	fraud: {
		/** Every web order of the run, fraud included. */
		webOrders: number;
		/** Fraud orders ÷ web orders. */
		share: number;
		byPattern: Record<FraudPattern, number>;
		orders: FraudOrderRecord[];
	};
}

export interface PlantedAssociationTruth {
	antecedent: { productId: string; name: string };
	consequent: { productId: string; name: string };
	/** Chance the consequent joins an order holding the antecedent (when the store stocks it). */
	probability: number;
	/** What the model intends, over all orders (store invoices and web orders). */
	intendedSupport: number;
	intendedConfidence: number;
	intendedLift: number;
}

export interface DemandTruth {
	factors: typeof DEMAND_FACTORS;
	festivals: { date: string; name: string; lift: number }[];
	promotions: {
		name: string;
		from: string;
		to: string;
		posLift: number;
		webLift: number;
		discount: number;
	}[];
	/** Expected sales lines and units per day of the range (index 0 = `from`), both channels, before noise. */
	expectedDailyLines: number[];
	expectedDailyUnits: number[];
	/** Expected units per day by category, averaged over the range. */
	meanDailyUnitsByCategory: Record<Category, number>;
}

export interface TruthCounts {
	files: RawTruth['files'];
	defects: RawTruth['defects'];
	sales: RawTruth['sales'];
	snapshotEveryWeeks: number;
	snapshots: number;
	events: PlantedEvents;
}

export function buildTruth(world: RetailWorld, counts: TruthCounts): RawTruth {
	const { config, demand, customers } = world;
	let movers = 0;
	let churned = 0;
	for (let i = 0; i < customers.count; i++) {
		if (customers.moveDay[i] <= world.toDay) movers++;
		if (customers.churnDay[i] <= world.toDay) churned++;
	}
	return {
		generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION },
		batchId: world.batchId,
		seed: config.seed,
		config,
		referenceTime: formatTimestamp(world.referenceSecond),
		futureDatesFrom: formatDate(world.toDay + FUTURE_OFFSET_MIN_DAYS),
		files: counts.files,
		defects: counts.defects,
		defectKinds: DEFECT_CHECKS,
		spikeRule: {
			rule: 'per product, over rows with 1 <= quantity <= 10000: quantity > max(Q3 + 3 * IQR, 50)',
			...SPIKE_RULE,
			naturalMaxQuantity: NATURAL_MAX_QUANTITY,
			spikeQuantityRange: SPIKE_QUANTITY_RANGE
		},
		priceBand: { ...PRICE_BAND },
		associations: associationTruth(world),
		demand: {
			factors: DEMAND_FACTORS,
			festivals: demand.festivals.map(({ date, name, lift }) => ({ date, name, lift })),
			promotions: demand.promotions.map(({ name, firstDay, lastDay, posLift, webLift, discount }) => ({
				name,
				from: formatDate(firstDay),
				to: formatDate(lastDay),
				posLift,
				webLift,
				discount
			})),
			expectedDailyLines: Array.from(demand.expectedLines, (lines) => round(lines, 1)),
			expectedDailyUnits: Array.from(demand.expectedUnits, (units) => round(units, 1)),
			meanDailyUnitsByCategory: Object.fromEntries(
				CATEGORIES.map((category, c) => [category, round(demand.meanCategoryUnits[c], 2)])
			) as Record<Category, number>
		},
		sales: counts.sales,
		customers: { count: customers.count, movers, churnedInRange: churned },
		inventory: {
			policy:
				'(s, S): order up to S when on hand <= s (reorder_level) with nothing on order; s and S follow a moving average of demand',
			snapshotDay: 'Sunday',
			snapshotEveryWeeks: counts.snapshotEveryWeeks,
			snapshots: counts.snapshots
		},
		events: eventTruth(world, counts.events, counts.sales.webOrders)
	};
}

function eventTruth(world: RetailWorld, events: PlantedEvents, webOrders: number): EventTruth {
	const { catalog, stores } = world;
	const { plan } = events;
	const byPattern: Record<FraudPattern, number> = { card_testing: 0, account_takeover: 0, reseller: 0 };
	for (const order of events.fraudOrders) byPattern[order.pattern]++;
	return {
		rules: EVENT_RULES,
		storeOutages: plan.outages.map((outage, i) => ({
			storeId: stores[events.outageStore[i]].id,
			storeName: stores[events.outageStore[i]].name,
			city: stores[events.outageStore[i]].city.name,
			from: formatDate(outage.firstDay),
			to: formatDate(events.outageLastDay[i]),
			days: events.outageLastDay[i] - outage.firstDay + 1,
			expectedInvoicesLost: events.outageExpectedLost[i]
		})),
		priceErrors: plan.priceErrors.map((error, i) => ({
			productId: catalog.products[error.product].id,
			productName: catalog.products[error.product].name,
			factor: error.factor,
			from: formatDate(error.firstDay),
			to: formatDate(events.priceErrorLastDay[i]),
			lines: events.priceErrorLines[i]
		})),
		categoryPromotions: plan.categoryPromotions.map((promotion, i) => ({
			category: CATEGORIES[promotion.category],
			from: formatDate(promotion.firstDay),
			to: formatDate(promotion.lastDay),
			lift: promotion.lift,
			discount: promotion.discount,
			extraOrders: events.promotionExtraOrders[i]
		})),
		fraud: {
			webOrders,
			share: webOrders === 0 ? 0 : round(events.fraudOrders.length / webOrders, 5),
			byPattern,
			orders: events.fraudOrders
		}
	};
}

/** The lift the model intends, from each product's chance to be in an order before planting. */
function associationTruth(world: RetailWorld): PlantedAssociationTruth[] {
	const { catalog, appeal, demand } = world;
	const posOrders = demand.posOrders.reduce((sum, orders) => sum + orders, 0);
	const webOrders = demand.webOrders.reduce((sum, orders) => sum + orders, 0);
	const meanLines = (posOrders * POS_MEAN_LINES + webOrders * WEB_MEAN_LINES) / (posOrders + webOrders);
	const shareTotal = catalog.lineShare.reduce((sum, share) => sum + share, 0);
	const categoryAppeal = catalog.byCategory.map((members) => members.reduce((sum, p) => sum + appeal[p], 0));
	const inOrder = (product: number) => {
		const c = catalog.products[product].categoryIndex;
		return Math.min(
			1,
			(meanLines * catalog.lineShare[c] * appeal[product]) / (shareTotal * categoryAppeal[c])
		);
	};
	return world.associations.map(({ antecedent, consequent, probability }) => {
		const a = inOrder(antecedent);
		const b = inOrder(consequent);
		const support = a * (b + probability * (1 - b));
		const consequentSupport = b + a * probability * (1 - b);
		const confidence = support / a;
		const describe = (product: number) => ({
			productId: catalog.products[product].id,
			name: catalog.products[product].name
		});
		return {
			antecedent: describe(antecedent),
			consequent: describe(consequent),
			probability,
			intendedSupport: round(support, 5),
			intendedConfidence: round(confidence, 4),
			intendedLift: round(confidence / consequentSupport, 2)
		};
	});
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000];

function round(value: number, decimals: number): number {
	const scale = POWERS_OF_TEN[decimals];
	return Math.round(value * scale) / scale;
}
