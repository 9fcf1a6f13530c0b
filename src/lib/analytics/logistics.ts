import type { SqlEngine } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';
import { quoteLiteral } from '../sql/sql-text';
import { dailyOrTotals } from './every-day-totals';
import { dailyAggregateConditions, toDateKey, validateFilters, type KpiFilters } from './filters';
import dailySalesMonthsSql from './logistics/daily-sales-months.sql?raw';
import monthlySalesSql from './logistics/monthly-sales.sql?raw';
import seasonalDemandSql from './logistics/seasonal-demand.sql?raw';
import shipmentDayTotalsSql from './logistics/shipment-day-totals.sql?raw';
import shipmentDaysSql from './logistics/shipment-days.sql?raw';
import { kpiRows } from './run-kpi';
import {
	deliveryGroups,
	lateCounts,
	statusCounts,
	type DeliveryFigures,
	type ShipmentCount,
	type StatusCount
} from './shipment-counts';
import { numberOrNull, ratio, round2, round2OrNull, textOrNull, toNumber } from './values';

/**
 * Logistics page: delivery KPIs over gold_fact_shipments and seasonal demand over gold_fact_sales
 * (docs/kpis.md, Operations).
 *
 * Shipments: every shipment in Gold, order found or not (check 5 only flags those). Filters: the date range
 * on the ship date and the city on the destination city; the category does not apply (a shipment is a
 * whole order) and the channel neither (every shipment is a web order's). Seasonal demand: the date range,
 * the city of the line (POS: the store's, web: the customer's) and the category; the channel is ignored
 * (demand of both channels).
 */

export type { StatusCount } from './shipment-counts';

/**
 * The shipments matching the filters counted by carrier, destination, status and days (shipment-days.sql):
 * with no date range from their counts over every day, made once per loaded Gold where the engine keeps
 * derived tables.
 */
async function shipmentCounts(sql: SqlEngine, filters: KpiFilters): Promise<ShipmentCount[]> {
	const from = await dailyOrTotals(sql, filters, 'gold_fact_shipments', shipmentDayTotalsSql);
	const rows = await kpiRows(sql, shipmentDaysSql, {
		from,
		count: from === 'gold_fact_shipments' ? 'count(*)' : 'sum(s.shipments)',
		shipments: shipmentConditions(filters, 's')
	});
	return rows.map((row) => ({
		carrier: textOrNull(row.carrier),
		destinationCity: textOrNull(row.destination_city),
		status: textOrNull(row.status),
		deliveryDays: numberOrNull(row.delivery_days),
		daysLate: numberOrNull(row.days_late),
		shipments: toNumber(row.shipments)
	}));
}

/** Shipments per status, most first. */
export async function shipmentStatus(sql: SqlEngine, filters: KpiFilters): Promise<StatusCount[]> {
	return statusCounts(await shipmentCounts(sql, filters));
}

/**
 * Delivery performance of a set of shipments. Delivery measures look at delivered shipments only (status
 * `delivered`; returned ones are left out); median and p90 interpolate linearly (quantile_cont).
 */
export interface DeliveryStats {
	/** All shipments, whatever their status. */
	shipments: number;
	delivered: number;
	/** Days from ship date to delivery date; null without delivered shipments. */
	avgDeliveryDays: number | null;
	medianDeliveryDays: number | null;
	p90DeliveryDays: number | null;
	/** Delivered on or before the promised date. */
	onTime: number;
	/** onTime ÷ delivered (those with a promised date), 0–1; null without delivered shipments. */
	onTimeRate: number | null;
}

export interface CarrierDelivery extends DeliveryStats {
	carrier: string;
}

export interface DestinationDelivery extends DeliveryStats {
	/** The destination city. */
	city: string;
}

export interface DeliveryPerformance {
	totals: DeliveryStats;
	/** Most shipments first. */
	byCarrier: CarrierDelivery[];
	/** Most shipments first. */
	byDestination: DestinationDelivery[];
}

export async function deliveryPerformance(sql: SqlEngine, filters: KpiFilters): Promise<DeliveryPerformance> {
	return deliveryPerformanceOf(await shipmentCounts(sql, filters));
}

function deliveryPerformanceOf(counts: ShipmentCount[]): DeliveryPerformance {
	const { totals, byCarrier, byDestination } = deliveryGroups(counts);
	return {
		totals: deliveryStats(totals),
		byCarrier: byCarrier.map(([carrier, figures]) => ({ carrier, ...deliveryStats(figures) })),
		byDestination: byDestination.map(([city, figures]) => ({ city, ...deliveryStats(figures) }))
	};
}

function deliveryStats(figures: DeliveryFigures): DeliveryStats {
	return {
		shipments: figures.shipments,
		delivered: figures.delivered,
		avgDeliveryDays: round2OrNull(figures.avgDays),
		medianDeliveryDays: round2OrNull(figures.medianDays),
		p90DeliveryDays: round2OrNull(figures.p90Days),
		onTime: figures.onTime,
		onTimeRate: ratio(figures.onTime, figures.judged)
	};
}

/**
 * A bucket of days late (delivery date − promised date) of the delivered shipments. The buckets: on time
 * (≤ 0 days late, early included), 1, 2, 3, 4–7 and 8 or more days late.
 */
export interface DelayBucket {
	label: string;
	/** Days late, inclusive; null: no lower bound (the on-time bucket). */
	minDaysLate: number | null;
	/** Days late, inclusive; null: no upper bound (the last bucket). */
	maxDaysLate: number | null;
	shipments: number;
	/** Its part of the delivered shipments, 0–1; null without delivered shipments. */
	share: number | null;
}

/** The buckets of days late, from on time to most late. */
const LATE_BUCKETS = [
	{ label: 'On time', minDaysLate: null, maxDaysLate: 0 },
	{ label: '1 day', minDaysLate: 1, maxDaysLate: 1 },
	{ label: '2 days', minDaysLate: 2, maxDaysLate: 2 },
	{ label: '3 days', minDaysLate: 3, maxDaysLate: 3 },
	{ label: '4–7 days', minDaysLate: 4, maxDaysLate: 7 },
	{ label: '8+ days', minDaysLate: 8, maxDaysLate: null }
] as const;

/** Every bucket, empty ones included, from on time to most late. */
export async function delayHistogram(sql: SqlEngine, filters: KpiFilters): Promise<DelayBucket[]> {
	return delayHistogramOf(await shipmentCounts(sql, filters));
}

function delayHistogramOf(counts: ShipmentCount[]): DelayBucket[] {
	const late = lateCounts(counts, LATE_BUCKETS);
	return LATE_BUCKETS.map((bucket, i) => ({ ...bucket, ...late[i] }));
}

export interface MonthCategoryDemand {
	/** YYYY-MM. */
	month: string;
	category: string;
	units: number;
	revenue: number;
}

/** Units and revenue per calendar month × category, by month then category. */
export async function seasonalDemand(sql: SqlEngine, filters: KpiFilters): Promise<MonthCategoryDemand[]> {
	const { from, to, city, category, spikes } = validateFilters(filters);
	const daily = `(${dailySalesMonthsSql})`;
	const rows = await kpiRows(sql, seasonalDemandSql, {
		sales: await dailyOrTotals(sql, filters, daily, fillSql(monthlySalesSql, { daily })),
		conditions: dailyAggregateConditions({ from, to, city, category, spikes }, 'a')
	});
	return rows.map((row) => ({
		month: String(row.month),
		category: String(row.category),
		units: toNumber(row.units),
		revenue: round2(toNumber(row.revenue))
	}));
}

export interface LogisticsReport extends DeliveryPerformance {
	/** Shipments per status, most first. */
	statuses: StatusCount[];
	delayHistogram: DelayBucket[];
	seasonalDemand: MonthCategoryDemand[];
}

/** Everything the logistics page shows; the shipments are counted once for all their figures. */
export async function logisticsReport(sql: SqlEngine, filters: KpiFilters): Promise<LogisticsReport> {
	const [counts, demand] = await Promise.all([shipmentCounts(sql, filters), seasonalDemand(sql, filters)]);
	return {
		statuses: statusCounts(counts),
		...deliveryPerformanceOf(counts),
		delayHistogram: delayHistogramOf(counts),
		seasonalDemand: demand
	};
}

/**
 * The filters as conditions on a gold_fact_shipments row `<alias>`: the date range on the ship date, the
 * city on the destination city; `TRUE` when there are none.
 */
export function shipmentConditions(filters: KpiFilters, alias: string): string {
	const { from, to, city } = validateFilters(filters);
	const conditions: string[] = [];
	if (from !== undefined) conditions.push(`${alias}.ship_date_key >= ${toDateKey(from)}`);
	if (to !== undefined) conditions.push(`${alias}.ship_date_key <= ${toDateKey(to)}`);
	if (city !== undefined) conditions.push(`${alias}.destination_city = ${quoteLiteral(city)}`);
	return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}
