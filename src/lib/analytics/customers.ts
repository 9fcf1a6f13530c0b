import { tableFromIPC } from 'apache-arrow';
import { numberColumn, textColumn } from '../sql/arrow-columns';
import type { SqlEngine } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';
import { quoteLiteral } from '../sql/sql-text';
import { withDerivedTable } from '../sql/temp-table';
import {
	bucketCounts,
	revenueCuts,
	revenueOrder,
	rfmScores,
	tierOf,
	topByRevenue,
	type ClvTier,
	type HistoryColumns,
	type RevenueCuts
} from './customer-scores';
import customerFirstMonthsSql from '../pipeline/gold/customer-first-months.sql?raw';
import activeMonthsSql from './customers/active-months.sql?raw';
import asOfSql from './customers/as-of.sql?raw';
import countedNewVsReturningSql from './customers/counted-new-vs-returning.sql?raw';
import customerHistorySql from './customers/customer-history.sql?raw';
import customersByCitySql from './customers/customers-by-city.sql?raw';
import historyColumnsSql from './customers/history-columns.sql?raw';
import moverVersionsSql from './customers/mover-versions.sql?raw';
import moversSql from './customers/movers.sql?raw';
import newVsReturningSql from './customers/new-vs-returning.sql?raw';
import repeatCustomersSql from './customers/repeat-customers.sql?raw';
import type { KpiFilters } from './filters';
import { orderPartsMatching, orderPartsOverEveryDay } from './order-parts';
import { RFM_ACTIONS, RFM_SEGMENT_NAMES, rfmSegment } from './rfm-segments';
import { kpiRows } from './run-kpi';
import { compareText, ratio, round2, textOrNull, toNumber } from './values';

/** Customers page: KPIs over natural customer ids, UNKNOWN left out (docs/kpis.md, Customers). */

export interface MonthCustomers {
	/** YYYY-MM. */
	month: string;
	/** Customers whose first order ever falls in this month. */
	newCustomers: number;
	returningCustomers: number;
}

/**
 * Per month of the filtered sales; "first order ever" looks at all of Gold, whatever the filters. With no date
 * range the customers come counted from Gold (gold_agg_customer_months, or under a category without a city
 * gold_agg_category_customer_months): counting them over the order parts took 144–159 ms of a category change at
 * 10M lines, 73–82 ms of a channel change. Else they come from the order parts (active-months.sql), with the
 * customers' first months taken out once for the loaded Gold where the engine keeps derived tables
 * (customer-first-months.sql, the statement Gold makes its customer months with).
 */
export async function newVsReturning(sql: SqlEngine, filters: KpiFilters): Promise<MonthCustomers[]> {
	const counted = countedMonths(filters);
	const rows =
		counted !== null
			? await kpiRows(sql, countedNewVsReturningSql, counted)
			: await withDerivedTable(sql, customerFirstMonthsSql, (firstMonths) => {
					const active = fillSql(activeMonthsSql, {
						orders: orderPartsMatching(filters),
						first_months: firstMonths
					});
					return kpiRows(sql, newVsReturningSql, { active: `(${active})` });
				});
	return rows.map((row) => ({
		month: String(row.month),
		newCustomers: toNumber(row.new_customers),
		returningCustomers: toNumber(row.returning_customers)
	}));
}

/**
 * counted-new-vs-returning.sql's fragments for the customers Gold counts by month under `filters`, or null where
 * it does not count them: under a date range, or under a category and a city.
 */
function countedMonths(filters: KpiFilters): Record<string, string> | null {
	const { city, channel, category, spikes } = filters;
	if (hasDateRange(filters) || (category !== undefined && city !== undefined)) return null;
	const conditions = [
		channel === undefined ? 'm.all_channels' : `NOT m.all_channels AND m.channel = ${quoteLiteral(channel)}`
	];
	if (category !== undefined) conditions.push(`m.category = ${quoteLiteral(category)}`);
	else
		conditions.push(
			city === undefined ? 'm.all_cities' : `NOT m.all_cities AND m.city = ${quoteLiteral(city)}`
		);
	return {
		months: category === undefined ? 'gold_agg_customer_months' : 'gold_agg_category_customer_months',
		conditions: conditions.join(' AND '),
		customers: spikes === 'exclude' ? 'unflagged_customers' : 'customers'
	};
}

function hasDateRange({ from, to }: KpiFilters): boolean {
	return from !== undefined || to !== undefined;
}

export interface RepeatRate {
	customers: number;
	repeatCustomers: number;
	/** Customers with two or more orders ÷ customers, 0–1; null without customers. */
	rate: number | null;
}

export async function repeatRate(sql: SqlEngine, filters: KpiFilters): Promise<RepeatRate> {
	const [row] = await kpiRows(sql, repeatCustomersSql, orderPartsOverEveryDay(filters));
	const customers = toNumber(row.customers);
	const repeatCustomers = toNumber(row.repeat_customers);
	return { customers, repeatCustomers, rate: ratio(repeatCustomers, customers) };
}

/**
 * CLV and RFM look at each customer's whole history, so only the channel, category and spike filters
 * apply: a date range would cut the history, and a city would cut off a mover's sales from before the move.
 */
function historyFilters({ channel, category, spikes }: KpiFilters): KpiFilters {
	return { channel, category, spikes };
}

/**
 * Whether `filters` set no city and no date range: then the customers' history under them holds exactly the
 * sales they select (none of the filters a history does not read, historyFilters, is set).
 */
function everyPlaceAndDay({ city, from, to }: KpiFilters): boolean {
	return city === undefined && from === undefined && to === undefined;
}

/**
 * Runs `work` on the customers' histories under the filters (customer-history.sql) in a table of their own:
 * CLV and RFM read it, and a report computes it once for both. Where the engine keeps derived tables, it
 * is made once for the loaded Gold: a change of city or dates, which a history ignores, finds it made.
 */
async function withCustomerHistory<T>(
	sql: SqlEngine,
	filters: KpiFilters,
	work: (history: string) => Promise<T>
): Promise<T> {
	const select = fillSql(customerHistorySql, orderPartsOverEveryDay(historyFilters(filters)));
	return withDerivedTable(sql, select, work);
}

export type { ClvTier } from './customer-scores';

/** A history's customers as columns, with what the lists and the cities read of their current version. */
interface CustomerColumns extends HistoryColumns {
	/** The name and city of the customer's current version in gold_dim_customer, null when it has none. */
	name: (index: number) => string | null;
	city: (string | null)[];
	/** The indices by revenue (customer-scores.ts, revenueOrder). */
	byRevenue: Float64Array;
}

/**
 * The customers of a history (customer-history.sql) as columns in customer id order, which customer-scores.ts
 * ranks and cuts.
 */
async function historyColumns(sql: SqlEngine, history: string): Promise<CustomerColumns> {
	const table = tableFromIPC(await sql.queryArrowIPC(fillSql(historyColumnsSql, { history })));
	const numbers = (name: string) => numberColumn(table.getChild(name)!);
	const [ids, names] = [table.getChild('customer_id')!, table.getChild('customer_name')!];
	const columns = {
		count: table.numRows,
		id: (i: number) => String(ids.get(i)),
		name: (i: number) => textOrNull(names.get(i)),
		city: textColumn(table.getChild('current_city')!),
		orders: numbers('orders'),
		revenue: numbers('revenue'),
		cents: numbers('cents'),
		margin: numbers('margin'),
		lastKey: numbers('last_key')
	};
	return { ...columns, byRevenue: revenueOrder(columns) };
}

export interface CustomerValue {
	customerId: string;
	/** The latest name in gold_dim_customer, null when it has none. */
	name: string | null;
	/** The city of the customer's current version in gold_dim_customer, null when it has none. */
	city: string | null;
	orders: number;
	revenue: number;
	margin: number;
	tier: ClvTier;
}

export interface LifetimeValue {
	/** Revenue cut-offs of the tiers (Silver ≥ p50, Gold ≥ p75, Platinum ≥ p90); null without customers. */
	thresholds: { p50: number; p75: number; p90: number } | null;
	/** Every customer, by revenue, largest first. */
	customers: CustomerValue[];
}

export function lifetimeValue(sql: SqlEngine, filters: KpiFilters): Promise<LifetimeValue> {
	return withCustomerHistory(sql, filters, async (history) => {
		const customers = await historyColumns(sql, history);
		const cuts = revenueCuts(customers, customers.byRevenue);
		return {
			thresholds: cuts && thresholds(cuts),
			customers: cuts ? customerValues(customers, cuts, topByRevenue(customers, customers.byRevenue)) : []
		};
	});
}

function thresholds({ p50, p75, p90 }: RevenueCuts): { p50: number; p75: number; p90: number } {
	return { p50: round2(p50), p75: round2(p75), p90: round2(p90) };
}

/** The customers at `indices` of a history, in that order. */
function customerValues(customers: CustomerColumns, cuts: RevenueCuts, indices: number[]): CustomerValue[] {
	return indices.map((i) => ({
		customerId: customers.id(i),
		name: customers.name(i),
		city: customers.city[i],
		orders: customers.orders[i],
		revenue: round2(customers.revenue[i]),
		margin: round2(customers.margin[i]),
		tier: tierOf(customers.revenue[i], cuts)
	}));
}

export interface CustomerRfm {
	customerId: string;
	recencyDays: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: string;
}

/** RFM of every customer as of the last sales day in Gold, by customer id. */
export function rfm(sql: SqlEngine, filters: KpiFilters): Promise<CustomerRfm[]> {
	return withCustomerHistory(sql, filters, async (history) => {
		const [asOfKey, customers] = await Promise.all([lastSalesDay(sql), historyColumns(sql, history)]);
		if (asOfKey === null) return [];
		const { recencyDays, r, f, m } = rfmScores(customers, asOfKey, customers.byRevenue);
		return Array.from({ length: customers.count }, (_, i) => ({
			customerId: customers.id(i),
			recencyDays: recencyDays[i],
			frequency: customers.orders[i],
			monetary: round2(customers.revenue[i]),
			r: r[i],
			f: f[i],
			m: m[i],
			segment: rfmSegment(r[i], f[i], m[i])
		}));
	});
}

/** The last sales day in all of Gold as a yyyymmdd key (RFM's as-of), null without sales. */
async function lastSalesDay(sql: SqlEngine): Promise<number | null> {
	const [row] = await kpiRows(sql, asOfSql, {});
	return row?.date_key == null ? null : toNumber(row.date_key);
}

export interface ClvTierSummary {
	tier: ClvTier;
	customers: number;
	revenue: number;
	margin: number;
}

export interface HistogramBucket {
	/** Revenue from (inclusive) … to (exclusive; the last bucket's end is above the largest customer). */
	from: number;
	to: number;
	customers: number;
}

export interface ClvSummary {
	thresholds: { p50: number; p75: number; p90: number } | null;
	/** Platinum, Gold, Silver, Bronze, each present (zeros when empty). */
	tiers: ClvTierSummary[];
	/** Buckets on the 1-2-5 ladder from 0 past the largest customer revenue (`ladderEdges`), empty ones included. */
	histogram: HistogramBucket[];
	/** The 20 customers with the most revenue. */
	top: CustomerValue[];
}

export interface RfmSegmentSummary {
	segment: string;
	customers: number;
	avgRecencyDays: number;
	avgFrequency: number;
	avgMonetary: number;
	/** What to do with the segment, one short sentence. */
	action: string;
}

export interface RfmSummary {
	/** YYYY-MM-DD: the last sales day in Gold; null without sales. */
	asOf: string | null;
	/** The segments with customers, in the segments' order (Others last). */
	segments: RfmSegmentSummary[];
}

export interface CityCustomers {
	city: string;
	customers: number;
	revenue: number;
}

export interface MoverVersion {
	city: string | null;
	/** YYYY-MM-DD HH:MM:SS. */
	validFrom: string;
	/** YYYY-MM-DD HH:MM:SS; null for the current version. */
	validTo: string | null;
}

export interface Mover {
	customerId: string;
	/** By version, oldest first. */
	versions: MoverVersion[];
	/** Revenue booked to the versions before the current one. */
	revenueBefore: number;
	/** Revenue booked to the current version. */
	revenueAfter: number;
}

export interface Movers {
	/** Customers with two or more versions. */
	total: number;
	/** The first 50 of them by customer id. */
	rows: Mover[];
}

export interface CustomersReport {
	newVsReturning: MonthCustomers[];
	repeat: RepeatRate;
	clv: ClvSummary;
	rfm: RfmSummary;
	cities: CityCustomers[];
	movers: Movers;
}

const CLV_TIERS: readonly ClvTier[] = ['Platinum', 'Gold', 'Silver', 'Bronze'];
const TOP_CUSTOMERS = 20;
const LISTED_MOVERS = 50;

/**
 * A histogram's bucket edges on the 1-2-5 ladder (…, 100, 200, 500, 1,000, …): 0, then every ladder value
 * above the smallest positive revenue up to the first above the largest. Each bar spans about twice the
 * one before, so the many small customers and the few large ones both show (a log scale); none when the
 * largest is not positive.
 */
export function ladderEdges(smallest: number, largest: number): number[] {
	if (!(largest > 0)) return [];
	const edges = [0];
	const low = smallest > 0 && smallest <= largest ? smallest : largest;
	for (let power = Math.floor(Math.log10(low)); edges.at(-1)! <= largest; power++) {
		for (const step of [1, 2, 5]) {
			const edge = Number((step * 10 ** power).toPrecision(12));
			if (edge > low && edges.at(-1)! <= largest) edges.push(edge);
		}
	}
	return edges;
}

/** CLV page summary: tiers with their sums, a revenue histogram and the top 20 customers (history filters). */
export function clvSummary(sql: SqlEngine, filters: KpiFilters): Promise<ClvSummary> {
	return withCustomerHistory(sql, filters, async (history) =>
		clvSummaryOf(await historyColumns(sql, history))
	);
}

function clvSummaryOf(customers: CustomerColumns): ClvSummary {
	const cuts = revenueCuts(customers, customers.byRevenue);
	if (!cuts) return { thresholds: null, tiers: CLV_TIERS.map(emptyTier), histogram: [], top: [] };
	const sums = new Map(CLV_TIERS.map((tier) => [tier, emptyTier(tier)]));
	for (let i = 0; i < customers.count; i++) {
		const sum = sums.get(tierOf(customers.revenue[i], cuts))!;
		sum.customers++;
		sum.revenue += customers.revenue[i];
		sum.margin += customers.margin[i];
	}
	const tiers = [...sums.values()].map((sum) => ({
		...sum,
		revenue: round2(sum.revenue),
		margin: round2(sum.margin)
	}));
	const edges = ladderEdges(cuts.smallest ?? 0, cuts.top);
	const counts = bucketCounts(customers.revenue, edges);
	const histogram = edges.slice(1).map((to, i) => ({ from: edges[i], to, customers: counts[i] }));
	const top = customerValues(customers, cuts, topByRevenue(customers, customers.byRevenue, TOP_CUSTOMERS));
	return { thresholds: thresholds(cuts), tiers, histogram, top };
}

function emptyTier(tier: ClvTier): ClvTierSummary {
	return { tier, customers: 0, revenue: 0, margin: 0 };
}

/** RFM segments (as of the last sales day in Gold) with their averages and recommended action. */
export function rfmSummary(sql: SqlEngine, filters: KpiFilters): Promise<RfmSummary> {
	return withCustomerHistory(sql, filters, async (history) =>
		rfmSummaryOf(sql, await historyColumns(sql, history))
	);
}

async function rfmSummaryOf(sql: SqlEngine, customers: CustomerColumns): Promise<RfmSummary> {
	const asOfKey = await lastSalesDay(sql);
	if (asOfKey === null) return { asOf: null, segments: [] };
	const { recencyDays, r, f, m } = rfmScores(customers, asOfKey, customers.byRevenue);
	const sums = new Map<string, { customers: number; recency: number; frequency: number; monetary: number }>();
	for (let i = 0; i < customers.count; i++) {
		const segment = rfmSegment(r[i], f[i], m[i]);
		let sum = sums.get(segment);
		if (!sum) sums.set(segment, (sum = { customers: 0, recency: 0, frequency: 0, monetary: 0 }));
		sum.customers++;
		sum.recency += recencyDays[i];
		sum.frequency += customers.orders[i];
		sum.monetary += customers.revenue[i];
	}
	const segments = RFM_SEGMENT_NAMES.flatMap((segment) => {
		const sum = sums.get(segment);
		if (!sum) return [];
		return [
			{
				segment,
				customers: sum.customers,
				avgRecencyDays: round2(sum.recency / sum.customers),
				avgFrequency: round2(sum.frequency / sum.customers),
				avgMonetary: round2(sum.monetary / sum.customers),
				action: RFM_ACTIONS[segment]
			}
		];
	});
	return { asOf: dayOfKey(asOfKey), segments };
}

/**
 * Customers by their current city, counted from a customers' history under the same filters where it can be:
 * the city filter picks the current city, not the sales, so with no date range the history holds the customers
 * with sales under the other filters and their revenue as customers-by-city.sql sums it (net_amount, exact).
 */
async function customersByCityOf(
	sql: SqlEngine,
	filters: KpiFilters,
	figures: Promise<HistoryFigures>
): Promise<CityCustomers[]> {
	const { city, ...sales } = filters;
	if (!everyPlaceAndDay(sales)) return customersByCity(sql, filters);
	return (await figures).cities.filter((row) => city === undefined || row.city === city);
}

/**
 * Customers by their current city from a history's columns, as customers-by-city.sql counts them over the
 * history (revenue: the exact sum, turned into a double once).
 */
function citiesOf(customers: CustomerColumns): CityCustomers[] {
	const byCity = new Map<string, { customers: number; cents: number }>();
	for (let i = 0; i < customers.count; i++) {
		const city = customers.city[i];
		if (city === null) continue;
		const sum = byCity.get(city) ?? { customers: 0, cents: 0 };
		sum.customers++;
		sum.cents += customers.cents[i];
		byCity.set(city, sum);
	}
	return [...byCity]
		.map(([city, sum]) => ({ city, customers: sum.customers, revenue: sum.cents / 100 }))
		.sort((a, b) => b.customers - a.customers || b.revenue - a.revenue || compareText(a.city, b.city))
		.map((row) => ({ ...row, revenue: round2(row.revenue) }));
}

/**
 * Customers by their current city (gold_dim_customer's current version): those with sales matching the
 * date, channel and category filters, wherever the sales were; the city filter picks the current city.
 */
export async function customersByCity(sql: SqlEngine, filters: KpiFilters): Promise<CityCustomers[]> {
	const { city, ...rest } = filters;
	return cityRows(sql, orderPartsOverEveryDay(rest).orders, city);
}

async function cityRows(sql: SqlEngine, orders: string, city: string | undefined): Promise<CityCustomers[]> {
	const rows = await kpiRows(sql, customersByCitySql, {
		orders,
		cities: city === undefined ? 'TRUE' : `c.city = ${quoteLiteral(city)}`
	});
	return rows.map((row) => ({
		city: String(row.city),
		customers: toNumber(row.customers),
		revenue: round2(toNumber(row.revenue))
	}));
}

/**
 * Customers with two or more SCD2 versions (all of them counted, the first 50 by id listed): their versions
 * and the revenue booked to the earlier versions and to the current one. Like CLV, only the channel and
 * category filters apply to the revenue; the list does not depend on the filters.
 */
export async function movers(sql: SqlEngine, filters: KpiFilters): Promise<Movers> {
	const { orders } = orderPartsOverEveryDay(historyFilters(filters));
	const moverVersions = fillSql(moverVersionsSql, { limit: String(LISTED_MOVERS) });
	const rows = await withDerivedTable(sql, moverVersions, (versions) =>
		kpiRows(sql, moversSql, { orders, versions })
	);
	const byCustomer = new Map<string, Mover>();
	for (const row of rows) {
		const customerId = String(row.customer_id);
		let mover = byCustomer.get(customerId);
		if (!mover) {
			mover = { customerId, versions: [], revenueBefore: 0, revenueAfter: 0 };
			byCustomer.set(customerId, mover);
		}
		mover.versions.push({
			city: row.city === null ? null : String(row.city),
			validFrom: String(row.valid_from),
			validTo: row.valid_to === null ? null : String(row.valid_to)
		});
		if (row.is_current === true) mover.revenueAfter += toNumber(row.revenue);
		else mover.revenueBefore += toNumber(row.revenue);
	}
	const listed = [...byCustomer.values()].map((m) => ({
		...m,
		revenueBefore: round2(m.revenueBefore),
		revenueAfter: round2(m.revenueAfter)
	}));
	return { total: rows.length === 0 ? 0 : toNumber(rows[0].total), rows: listed };
}

function dayOfKey(key: number): string {
	const text = String(key);
	return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/**
 * What a report reads off a customers' history: its CLV and RFM summaries, its customers' repeat rate and
 * their current cities (all of them: a city filter picks one).
 */
interface HistoryFigures {
	clv: ClvSummary;
	rfm: RfmSummary;
	repeat: RepeatRate;
	cities: CityCustomers[];
}

/** The figures of the last few derived history tables, by table name. */
const figuresByHistory = new Map<string, Promise<HistoryFigures>>();
const KEPT_FIGURES = 8;

/**
 * The figures of a history, its customers read once. Where the history is a derived table, whose name no
 * other rows ever get (derived-tables.ts), they are kept by that name: a change of city or dates keeps the
 * history, so it finds them made instead of ranking every customer again.
 */
function historyFigures(sql: SqlEngine, history: string): Promise<HistoryFigures> {
	const work = async () => {
		const customers = await historyColumns(sql, history);
		const rfm = await rfmSummaryOf(sql, customers);
		return {
			clv: clvSummaryOf(customers),
			rfm,
			repeat: repeatRateOf(customers),
			cities: citiesOf(customers)
		};
	};
	if (!sql.derivedTable) return work();
	let made = figuresByHistory.get(history);
	if (!made) {
		made = work();
		made.catch(() => figuresByHistory.delete(history));
		figuresByHistory.set(history, made);
		if (figuresByHistory.size > KEPT_FIGURES) figuresByHistory.delete(figuresByHistory.keys().next().value!);
	}
	return made;
}

/**
 * The repeat rate of a history's customers: with no city and no date range (which a history does not read),
 * those repeat-customers.sql counts, with the same orders.
 */
function repeatRateOf(customers: HistoryColumns): RepeatRate {
	let repeatCustomers = 0;
	for (let i = 0; i < customers.count; i++) if (customers.orders[i] >= 2) repeatCustomers++;
	return { customers: customers.count, repeatCustomers, rate: ratio(repeatCustomers, customers.count) };
}

export async function customersReport(sql: SqlEngine, filters: KpiFilters): Promise<CustomersReport> {
	const [months, [figures, direct, cities], moved] = await Promise.all([
		newVsReturning(sql, filters),
		withCustomerHistory(sql, filters, (history) => {
			const figures = historyFigures(sql, history);
			return Promise.all([
				figures,
				everyPlaceAndDay(filters) ? null : repeatRate(sql, filters),
				customersByCityOf(sql, filters, figures)
			]);
		}),
		movers(sql, filters)
	]);
	const { clv, rfm: segments, repeat } = figures;
	return { newVsReturning: months, repeat: direct ?? repeat, clv, rfm: segments, cities, movers: moved };
}
