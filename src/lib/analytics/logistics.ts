import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import { quoteLiteral } from '../sql/sql-text';
import delayHistogramSql from './logistics/delay-histogram.sql?raw';
import deliveryPerformanceSql from './logistics/delivery-performance.sql?raw';
import seasonalDemandSql from './logistics/seasonal-demand.sql?raw';
import statusCountsSql from './logistics/status-counts.sql?raw';
import { dailyAggregateConditions, toDateKey, validateFilters, type KpiFilters } from './filters';
import { kpiRows } from './run-kpi';
import { ratio, round2, round2OrNull, toNumber } from './values';

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

export interface StatusCount {
	/** As Gold holds it: delivered, in_transit, delayed, returned… */
	status: string;
	shipments: number;
	/** Its part of the shipments, 0–1. */
	share: number;
}

/** Shipments per status, most first. */
export async function shipmentStatus(sql: SqlEngine, filters: KpiFilters): Promise<StatusCount[]> {
	const rows = await kpiRows(sql, statusCountsSql, { shipments: shipmentConditions(filters, 's') });
	return rows.map((row) => ({
		status: String(row.status),
		shipments: toNumber(row.shipments),
		share: toNumber(row.share)
	}));
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
	const rows = await kpiRows(sql, deliveryPerformanceSql, { shipments: shipmentConditions(filters, 's') });
	const [total] = rows;
	return {
		totals: deliveryStats(total),
		byCarrier: rows
			.filter((row) => row.level === 'carrier')
			.map((row) => ({ carrier: String(row.carrier), ...deliveryStats(row) })),
		byDestination: rows
			.filter((row) => row.level === 'destination')
			.map((row) => ({ city: String(row.destination_city), ...deliveryStats(row) }))
	};
}

function deliveryStats(row: Record<string, SqlValue>): DeliveryStats {
	const onTime = toNumber(row.on_time);
	return {
		shipments: toNumber(row.shipments),
		delivered: toNumber(row.delivered),
		avgDeliveryDays: round2OrNull(numberOrNull(row.avg_days)),
		medianDeliveryDays: round2OrNull(numberOrNull(row.median_days)),
		p90DeliveryDays: round2OrNull(numberOrNull(row.p90_days)),
		onTime,
		onTimeRate: ratio(onTime, toNumber(row.judged))
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

/** Every bucket, empty ones included, from on time to most late. */
export async function delayHistogram(sql: SqlEngine, filters: KpiFilters): Promise<DelayBucket[]> {
	const rows = await kpiRows(sql, delayHistogramSql, { shipments: shipmentConditions(filters, 's') });
	return rows.map((row) => ({
		label: String(row.label),
		minDaysLate: numberOrNull(row.min_days),
		maxDaysLate: numberOrNull(row.max_days),
		shipments: toNumber(row.shipments),
		share: numberOrNull(row.share)
	}));
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
	const rows = await kpiRows(sql, seasonalDemandSql, {
		sales: dailyAggregateConditions({ from, to, city, category, spikes }, 'a')
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

/** Everything the logistics page shows. */
export async function logisticsReport(sql: SqlEngine, filters: KpiFilters): Promise<LogisticsReport> {
	const [statuses, performance, histogram, demand] = await Promise.all([
		shipmentStatus(sql, filters),
		deliveryPerformance(sql, filters),
		delayHistogram(sql, filters),
		seasonalDemand(sql, filters)
	]);
	return { statuses, ...performance, delayHistogram: histogram, seasonalDemand: demand };
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

function numberOrNull(value: SqlValue): number | null {
	return value === null ? null : toNumber(value);
}
