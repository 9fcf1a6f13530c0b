import type { SqlValue } from '$lib/sql/sql-engine';

/** What the filter controls offer: the values in the data and the days it spans. */
export interface FilterOptions {
	cities: string[];
	categories: string[];
	/** First and last day with sales, `YYYY-MM-DD`; null when there are none. */
	dataStart: string | null;
	dataEnd: string | null;
}

/** The Gold file the options are read from, and the table it is loaded as. */
export const OPTIONS_SOURCE = { path: 'gold/agg_daily_sales.parquet', table: 'gold_agg_daily_sales' };

/**
 * Grain: one row per (kind, value): every city and category with sales, and the first and last sales day.
 * Read from the daily aggregate, whose city is the sale's (web sales carry the customer's), as the filters match.
 */
export const FILTER_OPTIONS_SQL = `
SELECT 'city' AS kind, city AS value FROM ${OPTIONS_SOURCE.table} WHERE city IS NOT NULL GROUP BY city
UNION ALL
SELECT 'category', category FROM ${OPTIONS_SOURCE.table} WHERE category IS NOT NULL GROUP BY category
UNION ALL
SELECT 'start', CAST(min(date_key) AS VARCHAR) FROM ${OPTIONS_SOURCE.table}
UNION ALL
SELECT 'end', CAST(max(date_key) AS VARCHAR) FROM ${OPTIONS_SOURCE.table}`;

/** `20240131` (a Gold date key) → `2024-01-31`; null for anything else. */
export function dateKeyToIso(key: SqlValue | undefined): string | null {
	const match = /^(\d{4})(\d{2})(\d{2})$/.exec(String(key ?? ''));
	return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** The rows of `FILTER_OPTIONS_SQL` as options, cities and categories in alphabetical order. */
export function toFilterOptions(rows: Record<string, SqlValue>[]): FilterOptions {
	const values = (kind: string) =>
		rows
			.filter((row) => row.kind === kind && row.value !== null)
			.map((row) => String(row.value))
			.sort((a, b) => a.localeCompare(b, 'en'));
	return {
		cities: values('city'),
		categories: values('category'),
		dataStart: dateKeyToIso(rows.find((row) => row.kind === 'start')?.value),
		dataEnd: dateKeyToIso(rows.find((row) => row.kind === 'end')?.value)
	};
}
