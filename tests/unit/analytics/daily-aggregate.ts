import aggDailySalesSql from '../../../src/lib/pipeline/gold/agg-daily-sales.sql?raw';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * (Re)builds gold_agg_daily_sales from a fixture's gold_fact_sales with the pipeline's own SQL, as a run
 * would; call it again after changing the facts.
 */
export async function buildDailyAggregate(sql: SqlEngine): Promise<void> {
	await sql.exec(aggDailySalesSql);
}
