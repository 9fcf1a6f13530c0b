import type { SqlEngine } from '../sql/sql-engine';
import dailySalesTotalsSql from './commercial/daily-sales-totals.sql?raw';
import { dailyOrTotals } from './every-day-totals';
import { dailyAggregateConditions, type KpiFilters } from './filters';
import { kpiRows } from './run-kpi';
import spikeSummarySql from './spikes/spike-summary.sql?raw';
import { round2, toNumber } from './values';

/** The flagged quantity spikes (check 6) among the sales the other filters select. */
export interface SpikeSummary {
	lines: number;
	revenue: number;
}

/** What leaving the spikes out takes away: their lines and revenue under the filters but the spike switch. */
export async function spikeSummary(sql: SqlEngine, filters: KpiFilters): Promise<SpikeSummary> {
	const { spikes: _, ...others } = filters;
	const [row] = await kpiRows(sql, spikeSummarySql, {
		daily: await dailyOrTotals(sql, others, 'gold_agg_daily_sales', dailySalesTotalsSql),
		sales: dailyAggregateConditions(others, 'a')
	});
	return { lines: toNumber(row.lines), revenue: round2(toNumber(row.revenue)) };
}
