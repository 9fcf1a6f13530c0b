import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import categorySalesSql from './commercial/category-sales.sql?raw';
import channelMixSql from './commercial/channel-mix.sql?raw';
import dailySalesTotalsSql from './commercial/daily-sales-totals.sql?raw';
import festivalCalendarSql from './commercial/festival-calendar.sql?raw';
import festivalDaysSql from './commercial/festival-days.sql?raw';
import kpiCardsSql from './commercial/kpi-cards.sql?raw';
import productSalesTotalsSql from './commercial/product-sales-totals.sql?raw';
import revenueByAreaSql from './commercial/revenue-by-area.sql?raw';
import revenueByCitySql from './commercial/revenue-by-city.sql?raw';
import revenueTrendSql from './commercial/revenue-trend.sql?raw';
import topProductsSql from './commercial/top-products.sql?raw';
import {
	dailyAggregateConditions,
	dateConditions,
	previousPeriod,
	salesConditions,
	type Channel,
	type KpiFilters
} from './filters';
import { dailyOrTotals } from './every-day-totals';
import { dailyOrders, orderPartsOverEveryDay } from './order-parts';
import { kpiRows } from './run-kpi';
import { quoteLiteral } from '../sql/sql-text';
import { ratio, round2, round2OrNull, toNumber } from './values';

/** Overview and Sales pages: commercial KPIs over gold_fact_sales (docs/kpis.md, Commercial). */

export interface SalesTotals {
	revenue: number;
	orders: number;
	/** Distinct natural customer ids, UNKNOWN left out. */
	customers: number;
	/** Revenue ÷ orders; null without orders. */
	aov: number | null;
	units: number;
	unitsPerOrder: number | null;
	/** (revenue − COGS) ÷ revenue × 100; null without revenue, or when a line's unit cost is unknown. */
	grossMarginPct: number | null;
	/** The amount of the return lines, positive (revenue is already net of it). */
	returns: number;
}

export interface KpiCards {
	current: SalesTotals;
	/** The period of equal length just before, when the filters set both from and to. */
	previous: SalesTotals | null;
}

export async function kpiCards(sql: SqlEngine, filters: KpiFilters): Promise<KpiCards> {
	const before = previousPeriod(filters);
	const [current, previous] = await Promise.all([
		salesTotals(sql, filters),
		before ? salesTotals(sql, before) : null
	]);
	return { current, previous };
}

async function salesTotals(sql: SqlEngine, filters: KpiFilters): Promise<SalesTotals> {
	const [row] = await kpiRows(sql, kpiCardsSql, orderPartsOverEveryDay(filters));
	const revenue = toNumber(row.revenue);
	const orders = toNumber(row.orders);
	const units = toNumber(row.units);
	return {
		revenue: round2(revenue),
		orders,
		customers: toNumber(row.customers),
		aov: round2OrNull(ratio(revenue, orders)),
		units,
		unitsPerOrder: round2OrNull(ratio(units, orders)),
		grossMarginPct: toNumber(row.uncosted) > 0 ? null : marginPct(revenue, toNumber(row.cogs)),
		returns: round2(toNumber(row.returns))
	};
}

export type TrendGrain = 'day' | 'week' | 'month';

export interface TrendPoint {
	/** The period's first day, YYYY-MM-DD (weeks start on Monday). */
	period: string;
	revenue: number;
	/** Distinct orders in the period. */
	orders: number;
}

export async function revenueTrend(
	sql: SqlEngine,
	filters: KpiFilters,
	grain: TrendGrain
): Promise<TrendPoint[]> {
	const rows = await kpiRows(sql, revenueTrendSql, {
		...dailyOrders(filters),
		grain: quoteLiteral(grain)
	});
	return rows.map((row) => ({
		period: String(row.period),
		revenue: round2(toNumber(row.revenue)),
		orders: toNumber(row.orders)
	}));
}

export interface ChannelShare {
	channel: Channel;
	revenue: number;
	orders: number;
	/** Share of the revenue, 0–1. */
	share: number;
}

export async function channelMix(sql: SqlEngine, filters: KpiFilters): Promise<ChannelShare[]> {
	const rows = await kpiRows(sql, channelMixSql, dailyOrders(filters));
	return rows.map((row) => ({
		channel: row.channel as Channel,
		revenue: round2(toNumber(row.revenue)),
		orders: toNumber(row.orders),
		share: toNumber(row.share)
	}));
}

export interface CityRevenue {
	city: string;
	revenue: number;
	posRevenue: number;
	webRevenue: number;
	orders: number;
}

export async function revenueByCity(sql: SqlEngine, filters: KpiFilters): Promise<CityRevenue[]> {
	const rows = await kpiRows(sql, revenueByCitySql, dailyOrders(filters));
	return rows.map((row) => ({ city: String(row.city), ...channelSplit(row) }));
}

/** A row's revenue, both channels' parts of it and its orders (columns revenue, pos_revenue, web_revenue, orders). */
function channelSplit(row: Record<string, SqlValue>): Omit<CityRevenue, 'city'> {
	return {
		revenue: round2(toNumber(row.revenue)),
		posRevenue: round2(toNumber(row.pos_revenue)),
		webRevenue: round2(toNumber(row.web_revenue)),
		orders: toNumber(row.orders)
	};
}

export interface ProductSales {
	productId: string;
	productName: string;
	/** Null for a product that names none (an import without categories). */
	category: string | null;
	revenue: number;
	units: number;
}

export interface ProductRankings {
	/** The 10 products with the most revenue, largest first. */
	byRevenue: ProductSales[];
	/** The 10 products with the most units, largest first (a separate, labelled ranking). */
	byUnits: ProductSales[];
}

/** The 10 products with the most revenue and the 10 with the most units, from one pass over the sales. */
export async function productRankings(sql: SqlEngine, filters: KpiFilters): Promise<ProductRankings> {
	const rows = await kpiRows(sql, topProductsSql, {
		products: await dailyOrTotals(sql, filters, 'gold_agg_product_sales', productSalesTotalsSql),
		sales: salesConditions(filters, 'f')
	});
	const ranking = (rank: 'revenue_rank' | 'units_rank') =>
		rows
			.filter((row) => toNumber(row[rank]) <= 10)
			.sort((a, b) => toNumber(a[rank]) - toNumber(b[rank]))
			.map((row) => ({
				productId: String(row.product_id),
				productName: String(row.product_name),
				category: row.category === null ? null : String(row.category),
				revenue: round2(toNumber(row.revenue)),
				units: toNumber(row.units)
			}));
	return { byRevenue: ranking('revenue_rank'), byUnits: ranking('units_rank') };
}

export interface CategorySales {
	/** Null for products that name none (an import without categories). */
	category: string | null;
	revenue: number;
	units: number;
	/** Null without revenue, or when none of the category's lines has a known unit cost. */
	grossMarginPct: number | null;
}

export async function categorySales(sql: SqlEngine, filters: KpiFilters): Promise<CategorySales[]> {
	const rows = await kpiRows(sql, categorySalesSql, {
		daily: await dailyOrTotals(sql, filters, 'gold_agg_daily_sales', dailySalesTotalsSql),
		sales: dailyAggregateConditions(filters, 'a')
	});
	return rows.map((row) => {
		const revenue = toNumber(row.revenue);
		return {
			category: row.category === null ? null : String(row.category),
			revenue: round2(revenue),
			units: toNumber(row.units),
			// No cost at all: the category's products have no known unit cost, so no margin either.
			grossMarginPct: row.cogs === null ? null : marginPct(revenue, toNumber(row.cogs))
		};
	});
}

export interface FestivalUplift {
	festivalDays: number;
	otherDays: number;
	/** Average daily revenue on festival days; null when the range has none. */
	festivalAvg: number | null;
	otherAvg: number | null;
	/** festivalAvg ÷ otherAvg − 1; null when either is missing or otherAvg is 0. */
	uplift: number | null;
}

export async function festivalUplift(sql: SqlEngine, filters: KpiFilters): Promise<FestivalUplift> {
	const [row] = await kpiRows(sql, festivalDaysSql, {
		orders: dailyOrders(filters).orders,
		days: dateConditions(filters, 'd')
	});
	const festivalAvg = row.festival_avg === null ? null : toNumber(row.festival_avg);
	const otherAvg = row.other_avg === null ? null : toNumber(row.other_avg);
	const uplift = festivalAvg === null || otherAvg === null ? null : ratio(festivalAvg, otherAvg);
	return {
		festivalDays: toNumber(row.festival_days),
		otherDays: toNumber(row.other_days),
		festivalAvg: round2OrNull(festivalAvg),
		otherAvg: round2OrNull(otherAvg),
		uplift: uplift === null ? null : uplift - 1
	};
}

function marginPct(revenue: number, cogs: number): number | null {
	const margin = ratio(revenue - cogs, revenue);
	return margin === null ? null : round2(margin * 100);
}

export interface AreaRevenue {
	/** The state or region; null for web sales whose city maps to none (no store there, no observed state). */
	area: string | null;
	revenue: number;
	posRevenue: number;
	webRevenue: number;
	orders: number;
}

export interface AreaRevenues {
	states: AreaRevenue[];
	regions: AreaRevenue[];
}

/**
 * Revenue by state and by region, from one pass over the sales. POS by the store's; web by the stores' of
 * the customer's city, else the customer's observed state (gold_dim_customer) and the region of that
 * state's stores; null when neither is known.
 */
export async function revenueByAreas(sql: SqlEngine, filters: KpiFilters): Promise<AreaRevenues> {
	const rows = await kpiRows(sql, revenueByAreaSql, dailyOrders(filters));
	const level = (name: 'state' | 'region') =>
		rows
			.filter((row) => row.level === name)
			.map((row) => ({ area: row.area === null ? null : String(row.area), ...channelSplit(row) }));
	return { states: level('state'), regions: level('region') };
}

export interface FestivalDay {
	/** YYYY-MM-DD. */
	date: string;
	name: string;
	/** That day's revenue of the sales matching the filters (0 without sales). */
	revenue: number;
}

/** The festival days of gold_dim_date in the date range, by date, with their revenue. */
export async function festivalCalendar(sql: SqlEngine, filters: KpiFilters): Promise<FestivalDay[]> {
	const rows = await kpiRows(sql, festivalCalendarSql, {
		orders: dailyOrders(filters).orders,
		days: dateConditions(filters, 'd')
	});
	return rows.map((row) => ({
		date: String(row.date),
		name: String(row.name),
		revenue: round2(toNumber(row.revenue))
	}));
}

export interface OverviewReport {
	cards: KpiCards;
	trend: TrendPoint[];
	channels: ChannelShare[];
	/** The 10 cities with the most revenue. */
	cities: CityRevenue[];
}

export async function overviewReport(
	sql: SqlEngine,
	filters: KpiFilters,
	options: { grain: TrendGrain }
): Promise<OverviewReport> {
	const [cards, trend, channels, cities] = await Promise.all([
		kpiCards(sql, filters),
		revenueTrend(sql, filters, options.grain),
		channelMix(sql, filters),
		revenueByCity(sql, filters)
	]);
	return { cards, trend, channels, cities: cities.slice(0, 10) };
}

export interface SalesReport {
	cards: KpiCards;
	trend: TrendPoint[];
	cities: CityRevenue[];
	states: AreaRevenue[];
	regions: AreaRevenue[];
	topByRevenue: ProductSales[];
	topByUnits: ProductSales[];
	categories: CategorySales[];
	channels: ChannelShare[];
	festival: FestivalUplift;
	festivalCalendar: FestivalDay[];
}

export async function salesReport(
	sql: SqlEngine,
	filters: KpiFilters,
	options: { grain: TrendGrain }
): Promise<SalesReport> {
	const [cards, trend, cities, { states, regions }, products, categories, channels, festival, days] =
		await Promise.all([
			kpiCards(sql, filters),
			revenueTrend(sql, filters, options.grain),
			revenueByCity(sql, filters),
			revenueByAreas(sql, filters),
			productRankings(sql, filters),
			categorySales(sql, filters),
			channelMix(sql, filters),
			festivalUplift(sql, filters),
			festivalCalendar(sql, filters)
		]);
	return {
		cards,
		trend,
		cities,
		states,
		regions,
		topByRevenue: products.byRevenue,
		topByUnits: products.byUnits,
		categories,
		channels,
		festival,
		festivalCalendar: days
	};
}
