import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { kpiRows } from '../analytics/run-kpi';
import { toNumber } from '../analytics/values';
import type { Channel } from '../filters/url-filters';
import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import { anomalyReason } from './anomaly-reasons';
import type { OnDetectionStep, Pause } from './detection-progress';
import {
	scanPanel,
	type ObservedRange,
	type Panel,
	type PanelAnomaly,
	type ScanSettings
} from './panel-scan';
import categoryDaySql from './sql/category-day-buyers.sql?raw';
import priceAnomaliesSql from './sql/price-anomalies.sql?raw';
import priceDaysSql from './sql/price-days.sql?raw';
import quantitySpikesSql from './sql/quantity-spikes.sql?raw';
import salesDaysSql from './sql/sales-days.sql?raw';
import storeDaySql from './sql/store-day-buyers.sql?raw';
import storesSql from './sql/stores.sql?raw';
import { mispricedDays, type MispricedDay, type TypicalPriceSettings } from './typical-prices';

/**
 * Anomalies on the published Gold (flagged quantity spikes left out of every baseline):
 * - `store`: a store's daily buyers against its share of all stores' (an outage: none for days);
 * - `category`: a category's daily buyers against its share of all categories' (a promotion);
 * - `price`: lines charged under half or over twice their product's typical price (a keying error);
 * - `quantity_spike`: the lines check 6 flagged (quantity far above the product's usual).
 * Detection runs on all the data, whatever the filters; the filters choose which anomalies are listed.
 */
export const ANOMALY_TYPES = ['store', 'category', 'price', 'quantity_spike'] as const;
export type AnomalyType = (typeof ANOMALY_TYPES)[number];

export const ANOMALY_TYPE_LABELS: Record<AnomalyType, string> = {
	store: 'Store sales',
	category: 'Category sales',
	price: 'Price',
	quantity_spike: 'Quantity spike'
};

/** What a type's score means. */
export const SCORE_MEANINGS: Record<AnomalyType, string> = {
	store: 'surprise: −log10 of the chance of buyers this far from the baseline (6 = one in a million)',
	category: 'surprise: −log10 of the chance of buyers this far from the baseline (6 = one in a million)',
	price:
		'times off: the price charged ÷ the typical price, or its inverse when lower (10 = a tenth or ten times)',
	quantity_spike: "times the usual: the line's quantity ÷ the product's median quantity"
};

export interface AnomalySettings {
	store: ScanSettings;
	category: ScanSettings;
	/** A line is mispriced under `low` × or over `high` × its product's typical price. */
	price: { low: number; high: number; contextDays: number; minDays: number };
}

export const ANOMALY_SETTINGS: AnomalySettings = {
	store: {
		contextDays: 56,
		maxWindow: 30,
		minSurprise: 6,
		baselineUncertainty: 0.05,
		directions: ['up', 'down']
	},
	category: {
		contextDays: 56,
		maxWindow: 14,
		minSurprise: 6,
		baselineUncertainty: 0.1,
		directions: ['up', 'down']
	},
	price: { low: 0.5, high: 2, contextDays: 60, minDays: 5 }
};

/** What to read to see an anomaly's lines. */
export interface AnomalyDrill {
	kind: 'store' | 'category' | 'product' | 'line';
	/** Store id, category, product id, or `<channel>:<order id>:<line no>`. */
	key: string;
	from: string;
	to: string;
}

/** An anomaly; its observed, expected and range figures are in `unit`. */
export interface Anomaly extends ObservedRange {
	/** Unique within a detection: `<type>:<subject>:<from>:<direction>`. */
	id: string;
	type: AnomalyType;
	direction: 'up' | 'down';
	/** Store id, category, or product id. */
	subject: string;
	/** For people: `Retail Hub Hypermarket Koramangala (STR-BAN-01)`, `Sports`, `Dark Chocolate 200g`. */
	label: string;
	/** Cities its lines are in; null for a category anomaly (found over every city). */
	cities: string[] | null;
	channels: Channel[];
	/** The category it concerns; null for a store anomaly (every category). */
	category: string | null;
	from: string;
	to: string;
	days: number;
	/** In `unit`: buyers (store, category), rupees a unit (price), units (quantity spike). */
	unit: 'buyers' | 'price' | 'units';
	/** Observed − expected revenue: what the anomaly is worth, in rupees. */
	impact: number;
	/** See SCORE_MEANINGS. */
	score: number;
	reason: string;
	drill: AnomalyDrill;
}

export interface DetectedAnomalies {
	/** First and last day with sales. */
	dataStart: string | null;
	dataEnd: string | null;
	/** Every anomaly found, largest |impact| first. */
	anomalies: Anomaly[];
	settings: AnomalySettings;
}

export async function detectAnomalies(
	sql: SqlEngine,
	settings: AnomalySettings = ANOMALY_SETTINGS,
	step: OnDetectionStep = () => {},
	pause: Pause = () => {}
): Promise<DetectedAnomalies> {
	await step('reading the days and stores');
	const days = (await kpiRows(sql, salesDaysSql, {})).map((row) => String(row.day));
	const dayKeys = new Map<number, number>();
	days.forEach((day, i) => dayKeys.set(Number(day.replaceAll('-', '')), i));
	const storeRows = await kpiRows(sql, storesSql, {});
	const stores = new Map(storeRows.map((row) => [String(row.store_id), row]));
	// One query at a time (the engine runs them so anyway), so each step can be reported and cancelled.
	await step('reading daily sales per store');
	const storePanel = await readPanel(sql, storeDaySql, [...stores.keys()], dayKeys, pause);
	await step('reading daily sales per category');
	const categoryPanel = await readPanel(sql, categoryDaySql, null, dayKeys, pause);
	await step('reading prices');
	const prices = await readPriceAnomalies(sql, settings.price, pause);
	await step('reading the flagged quantity spikes');
	const spikes = await kpiRows(sql, quantitySpikesSql, {});
	await step('scanning for anomalies');
	const storeAnomalies = (await scanPanel(storePanel, settings.store, pause)).map((found) =>
		fromPanel('store', found, storePanel, days, (id) => {
			const store = stores.get(id);
			return {
				label: `${text(store?.store_name) ?? id} (${id})`,
				cities: store?.city ? [String(store.city)] : [],
				channels: ['pos'],
				category: null
			};
		})
	);
	const categoryAnomalies = (await scanPanel(categoryPanel, settings.category, pause)).map((found) =>
		fromPanel('category', found, categoryPanel, days, (category) => ({
			label: category,
			cities: null,
			channels: ['pos', 'web'],
			category
		}))
	);
	const anomalies = [
		...storeAnomalies,
		...categoryAnomalies,
		...priceRuns(prices).map(priceAnomaly),
		...spikes.map(spikeAnomaly)
	].sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact) || a.id.localeCompare(b.id));
	return { dataStart: days[0] ?? null, dataEnd: days.at(-1) ?? null, anomalies, settings };
}

/** Where the price detector hands the engine the days it found (`readPriceAnomalies`). */
const MISPRICED_DAYS = 'signals_mispriced_days';

/** The products' days are read in this many ranges of product_sk, with a pause before each. */
const PRICE_PARTS = 4;

/** The lines charged far from their product's typical price, by product, day and direction. */
async function readPriceAnomalies(
	sql: SqlEngine,
	settings: TypicalPriceSettings,
	pause: Pause
): Promise<Record<string, SqlValue>[]> {
	const [range] = (
		await sql.query('SELECT min(product_sk) AS lo, max(product_sk) AS hi FROM gold_dim_product')
	).rows;
	const [lo, hi] = [toNumber(range.lo), toNumber(range.hi)];
	const size = Math.max(1, Math.ceil((hi - lo + 1) / PRICE_PARTS));
	const mispriced: MispricedDay[] = [];
	for (let first = lo; first <= hi; first += size) {
		if (first > lo) await pause();
		const rows = await kpiRows(sql, priceDaysSql, { first: String(first), last: String(first + size - 1) });
		const days = rows.map((row) => ({
			productSk: toNumber(row.product_sk),
			dateKey: toNumber(row.date_key),
			dayNo: toNumber(row.day_no),
			dayPrice: toNumber(row.day_price),
			minPrice: toNumber(row.min_price),
			maxPrice: toNumber(row.max_price)
		}));
		for (const day of mispricedDays(days, settings)) mispriced.push(day);
	}
	if (mispriced.length === 0) return [];
	await pause();
	// The days go to the engine as an Arrow table (exact doubles; 200k days load in 0.25 s, where a VALUES list
	// of 20k took 2.3 s to parse), read by the query, then dropped.
	const table = tableFromArrays({
		product_sk: Int32Array.from(mispriced, (day) => day.productSk),
		date_key: Int32Array.from(mispriced, (day) => day.dateKey),
		typical_price: Float64Array.from(mispriced, (day) => day.typicalPrice)
	});
	await sql.loadArrowIPC(MISPRICED_DAYS, tableToIPC(table, 'stream'));
	try {
		return await kpiRows(sql, priceAnomaliesSql, {
			mispriced: MISPRICED_DAYS,
			low: String(settings.low),
			high: String(settings.high)
		});
	} finally {
		await sql.exec(`DROP TABLE IF EXISTS ${MISPRICED_DAYS}`);
	}
}

/** A panel's days are read in this many ranges of days, with a pause before each but the first. */
const PANEL_PARTS = 4;

/**
 * The series × day panel `template` reads (its buyers and revenue per series and day), over `PANEL_PARTS`
 * ranges of the days: a day's figures come whole from one range, so the panel is the same as from one query.
 * `names` fixes the series (stores without sales included), else the rows do.
 */
async function readPanel(
	sql: SqlEngine,
	template: string,
	names: string[] | null,
	dayKeys: Map<number, number>,
	pause: Pause
): Promise<Panel> {
	const keys = [...dayKeys.keys()].sort((a, b) => a - b);
	const size = Math.max(1, Math.ceil(keys.length / PANEL_PARTS));
	const rows: Record<string, SqlValue>[] = [];
	for (let first = 0; first < keys.length; first += size) {
		if (first > 0) await pause();
		const last = keys[Math.min(keys.length, first + size) - 1];
		for (const row of await kpiRows(sql, template, { first: String(keys[first]), last: String(last) }))
			rows.push(row);
	}
	const series = names ?? [...new Set(rows.map((row) => String(row.series)))].sort();
	const index = new Map(series.map((name, i) => [name, i]));
	const days = dayKeys.size;
	const counts = new Float64Array(series.length * days);
	const revenue = new Float64Array(series.length * days);
	const activeFrom = new Int32Array(series.length).fill(days);
	for (const row of rows) {
		const s = index.get(String(row.series));
		const d = dayKeys.get(toNumber(row.date_key));
		if (s === undefined || d === undefined) continue;
		counts[s * days + d] = toNumber(row.buyers);
		revenue[s * days + d] = toNumber(row.revenue);
		if (d < activeFrom[s]) activeFrom[s] = d;
	}
	return { names: series, days, counts, revenue, activeFrom };
}

function text(value: SqlValue | undefined): string | null {
	return value === null || value === undefined ? null : String(value);
}

function fromPanel(
	type: 'store' | 'category',
	found: PanelAnomaly,
	panel: Panel,
	days: string[],
	describe: (subject: string) => Pick<Anomaly, 'label' | 'cities' | 'channels' | 'category'>
): Anomaly {
	const subject = panel.names[found.series];
	const from = days[found.first];
	const to = days[found.last];
	const anomaly: Omit<Anomaly, 'reason'> = {
		id: `${type}:${subject}:${from}:${found.direction}`,
		type,
		direction: found.direction,
		subject,
		...describe(subject),
		from,
		to,
		days: found.last - found.first + 1,
		unit: 'buyers',
		observed: found.observed,
		expected: found.expected,
		low: found.low,
		high: found.high,
		observedRevenue: found.observedRevenue,
		expectedRevenue: found.expectedRevenue,
		lowRevenue: found.lowRevenue,
		highRevenue: found.highRevenue,
		impact: found.observedRevenue - found.expectedRevenue,
		score: found.surprise,
		drill: { kind: type, key: subject, from, to }
	};
	return { ...anomaly, reason: anomalyReason(anomaly) };
}

function splitList(value: SqlValue): string[] {
	return value === null ? [] : String(value).split('|');
}

/** Mispriced days of one product in one direction, merged while a week or less separates them. */
interface PriceRun {
	productId: string;
	productName: string;
	category: string;
	direction: 'up' | 'down';
	from: string;
	to: string;
	days: number;
	lines: number;
	units: number;
	revenue: number;
	expectedRevenue: number;
	cities: Set<string>;
	channels: Set<string>;
}

const DAY_MS = 86_400_000;
const dayGap = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** A wrong price stays until someone fixes it: mispriced days of a product a week apart or less are one run. */
function priceRuns(rows: Record<string, SqlValue>[]): PriceRun[] {
	const runs: PriceRun[] = [];
	const open = new Map<string, PriceRun>();
	for (const row of rows) {
		const direction = row.direction === 'down' ? 'down' : 'up';
		const key = `${String(row.product_id)}:${direction}`;
		const day = String(row.day);
		let run = open.get(key);
		if (!run || dayGap(run.to, day) > 7) {
			run = {
				productId: String(row.product_id),
				productName: String(row.product_name),
				category: String(row.category),
				direction,
				from: day,
				to: day,
				days: 0,
				lines: 0,
				units: 0,
				revenue: 0,
				expectedRevenue: 0,
				cities: new Set(),
				channels: new Set()
			};
			open.set(key, run);
			runs.push(run);
		}
		run.to = day;
		run.days = dayGap(run.from, day) + 1;
		run.lines += toNumber(row.lines);
		run.units += toNumber(row.units);
		run.revenue += toNumber(row.revenue);
		run.expectedRevenue += toNumber(row.expected_revenue);
		for (const city of splitList(row.cities)) run.cities.add(city);
		for (const channel of splitList(row.channels)) run.channels.add(channel);
	}
	return runs;
}

function priceAnomaly(run: PriceRun): Anomaly {
	const price = run.revenue / run.units;
	const typical = run.expectedRevenue / run.units;
	const { low, high } = ANOMALY_SETTINGS.price;
	const anomaly: Omit<Anomaly, 'reason'> = {
		id: `price:${run.productId}:${run.from}:${run.direction}`,
		type: 'price',
		direction: run.direction,
		subject: run.productId,
		label: run.productName,
		cities: [...run.cities].sort(),
		channels: [...run.channels].sort() as Channel[],
		category: run.category,
		from: run.from,
		to: run.to,
		days: run.days,
		unit: 'price',
		observed: price,
		expected: typical,
		low: typical * low,
		high: typical * high,
		observedRevenue: run.revenue,
		expectedRevenue: run.expectedRevenue,
		lowRevenue: run.expectedRevenue * low,
		highRevenue: run.expectedRevenue * high,
		impact: run.revenue - run.expectedRevenue,
		score: price >= typical ? price / typical : typical / price,
		drill: { kind: 'product', key: run.productId, from: run.from, to: run.to }
	};
	return { ...anomaly, reason: anomalyReason(anomaly, { lines: run.lines }) };
}

function spikeAnomaly(row: Record<string, SqlValue>): Anomaly {
	const quantity = toNumber(row.quantity);
	const usual = toNumber(row.usual_quantity);
	const unitPrice = toNumber(row.unit_price);
	const day = String(row.day);
	const channel = String(row.channel) as Channel;
	const key = `${channel}:${String(row.order_id)}:${toNumber(row.line_no)}`;
	const anomaly: Omit<Anomaly, 'reason'> = {
		id: `quantity_spike:${key}`,
		type: 'quantity_spike',
		direction: 'up',
		subject: String(row.product_id),
		label: String(row.product_name),
		cities: [String(row.city)],
		channels: [channel],
		category: String(row.category),
		from: day,
		to: day,
		days: 1,
		unit: 'units',
		observed: quantity,
		expected: usual,
		low: 1,
		high: usual,
		observedRevenue: toNumber(row.revenue),
		expectedRevenue: usual * unitPrice,
		lowRevenue: unitPrice,
		highRevenue: usual * unitPrice,
		impact: toNumber(row.revenue) - usual * unitPrice,
		score: quantity / usual,
		drill: { kind: 'line', key, from: day, to: day }
	};
	return { ...anomaly, reason: anomalyReason(anomaly, { orderId: String(row.order_id) }) };
}
