import type { SqlEngine } from '../sql/sql-engine';
import type { KpiFilters } from './filters';

/**
 * The relation a query over daily sums reads: with no date range, `totals` (a `SELECT` of those sums added up over
 * every day, far fewer rows), made once per loaded Gold where the engine keeps derived tables; else `daily`. The
 * totals keep every column the query reads but `date_key`, so its other conditions read either.
 */
export async function dailyOrTotals(
	sql: SqlEngine,
	filters: KpiFilters,
	daily: string,
	totals: string
): Promise<string> {
	const everyDay = filters.from === undefined && filters.to === undefined;
	return everyDay && sql.derivedTable ? sql.derivedTable(totals) : daily;
}
