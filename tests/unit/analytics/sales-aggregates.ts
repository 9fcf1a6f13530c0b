import { SALES_SUMMARIES } from '../../../src/lib/pipeline/gold/build-gold';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * (Re)builds what Gold sums the sales up into (gold_agg_daily_sales, gold_fact_orders) from a fixture's
 * gold_fact_sales with the pipeline's own SQL, as a run would; call it again after changing the facts.
 */
export async function buildSalesAggregates(sql: SqlEngine): Promise<void> {
	for (const statement of SALES_SUMMARIES) await sql.exec(statement);
}
