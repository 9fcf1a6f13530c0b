import type { KpiFilters } from '../../../src/lib/analytics/filters';

/** Test cases named by their filters as a URL writes them (`city=Delhi&channel=pos`), for `it.each`. */
export function namedByFilters<T extends { filters: KpiFilters }>(cases: T[]): (T & { name: string })[] {
	return cases.map((c) => ({
		...c,
		name: new URLSearchParams(c.filters as Record<string, string>).toString()
	}));
}
