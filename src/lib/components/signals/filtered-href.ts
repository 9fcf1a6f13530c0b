import { resolve } from '$app/paths';
import { filtersToParams, type DashboardFilters } from '$lib/filters/url-filters';

/** The pages an insight or an answer links to. */
export type InsightPath =
	'/' | '/sales' | '/inventory' | '/logistics' | '/anomalies' | '/fraud' | '/forecast';

/** A page's address with the dashboards' filters (and other search params) set. */
export function filteredHref(
	path: InsightPath,
	filters: DashboardFilters,
	params: Record<string, string> = {}
): string {
	const query = filtersToParams(filters, new URLSearchParams(params)).toString();
	return query ? `${resolve(path)}?${query}` : resolve(path);
}
