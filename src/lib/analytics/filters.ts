import {
	isChannel,
	isIsoDate,
	previousPeriod as previousDates,
	type DashboardFilters
} from '../filters/url-filters';
import { quoteLiteral } from '../sql/sql-text';

export type { Channel } from '../filters/url-filters';

/**
 * The filters of the KPI queries; each page applies those that make sense for it. The same as the URL's
 * (`DashboardFilters`) but for the flagged quantity spikes, which the queries keep unless told to leave
 * them out (`spikes: 'exclude'`), while the pages and the CLI leave them out unless told to keep them:
 * `kpiFilters` turns one into the other.
 */
export interface KpiFilters extends Omit<DashboardFilters, 'spikes'> {
	spikes?: 'exclude';
}

/** The URL's filters as the KPI queries take them: spikes left out unless the URL keeps them. */
export function kpiFilters({ spikes, ...rest }: DashboardFilters): KpiFilters {
	return spikes === 'include' ? rest : { ...rest, spikes: 'exclude' };
}

/** The KPI filters as the URL writes them (the reverse of `kpiFilters`). */
export function dashboardFilters({ spikes, ...rest }: KpiFilters): DashboardFilters {
	return spikes === 'exclude' ? rest : { ...rest, spikes: 'include' };
}

/** A filter value the KPI queries cannot use. */
export class FilterError extends Error {
	override name = 'FilterError';
}

/** Checks the filters' dates and channel; throws FilterError with the reason. */
export function validateFilters(filters: KpiFilters): KpiFilters {
	for (const key of ['from', 'to'] as const) {
		const day = filters[key];
		if (day !== undefined && !isIsoDate(day))
			throw new FilterError(`${key} must be a YYYY-MM-DD day, got "${day}".`);
	}
	if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
		throw new FilterError(`from (${filters.from}) is after to (${filters.to}).`);
	}
	if (filters.channel !== undefined && !isChannel(filters.channel)) {
		throw new FilterError(`channel must be pos or web, got "${filters.channel}".`);
	}
	if (filters.spikes !== undefined && filters.spikes !== 'exclude') {
		throw new FilterError(`spikes can only be "exclude", got "${filters.spikes}".`);
	}
	return filters;
}

/** A YYYY-MM-DD day as the Gold `date_key` (yyyymmdd integer). */
export function toDateKey(day: string): number {
	return Number(day.replaceAll('-', ''));
}

/** The date conditions on `<alias>.date_key`, `TRUE` when there are none. */
export function dateConditions(filters: KpiFilters, alias: string): string {
	const { from, to } = validateFilters(filters);
	const conditions: string[] = [];
	if (from !== undefined) conditions.push(`${alias}.date_key >= ${toDateKey(from)}`);
	if (to !== undefined) conditions.push(`${alias}.date_key <= ${toDateKey(to)}`);
	return joinConditions(conditions);
}

/** Every filter as conditions on a gold_fact_sales-shaped row `<alias>`, `TRUE` when there are none. */
export function salesConditions(filters: KpiFilters, alias: string): string {
	return lineConditions(
		filters,
		alias,
		(category) =>
			`${alias}.product_sk IN (SELECT product_sk FROM gold_dim_product WHERE category = ${category})`
	);
}

/**
 * Every filter but the category as conditions on a row of order parts `<alias>` (gold_fact_orders' columns:
 * an order part has no category), `TRUE` when there are none.
 */
export function orderPartConditions(filters: Omit<KpiFilters, 'category'>, alias: string): string {
	return lineConditions(filters, alias, () => {
		throw new FilterError('An order part has no category.');
	});
}

/**
 * Every filter as conditions on a gold_agg_daily_sales row `<alias>` (day × store × city × category ×
 * channel × is_spike), or any row with those columns (gold_fact_order_categories), `TRUE` when there are none.
 */
export function dailyAggregateConditions(filters: KpiFilters, alias: string): string {
	return lineConditions(filters, alias, (category) => `${alias}.category = ${category}`);
}

/** The filters on sales lines, or rows that add them up: `<alias>` has date_key, city, channel and is_spike. */
function lineConditions(
	filters: KpiFilters,
	alias: string,
	categoryCondition: (quotedCategory: string) => string
): string {
	const { city, channel, category, spikes } = validateFilters(filters);
	const conditions = [dateConditions(filters, alias)].filter((condition) => condition !== 'TRUE');
	if (spikes === 'exclude') conditions.push(`NOT ${alias}.is_spike`);
	if (city !== undefined) conditions.push(`${alias}.city = ${quoteLiteral(city)}`);
	if (channel !== undefined) conditions.push(`${alias}.channel = ${quoteLiteral(channel)}`);
	if (category !== undefined) conditions.push(categoryCondition(quoteLiteral(category)));
	return joinConditions(conditions);
}

function joinConditions(conditions: string[]): string {
	return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}

/**
 * The filters moved to the period of equal length just before `from`…`to` (for "vs previous period");
 * undefined unless both ends are set.
 */
export function previousPeriod(filters: KpiFilters): KpiFilters | undefined {
	const { from, to } = validateFilters(filters);
	if (from === undefined || to === undefined) return undefined;
	return { ...filters, ...previousDates(from, to) };
}
