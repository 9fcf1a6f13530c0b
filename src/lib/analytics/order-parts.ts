import { keptRelation } from '../sql/derived-tables';
import type { SqlEngine } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';
import linesAsOrderPartsSql from './commercial/lines-as-order-parts.sql?raw';
import { orderPartConditions, salesConditions, type KpiFilters } from './filters';

/** The distinct orders among order parts `o` (gold_fact_orders' `order_once`), as an INTEGER expression. */
const ORDER_COUNT = `CAST(count(*) FILTER (WHERE o.order_once)
		+ count(DISTINCT o.order_key) FILTER (WHERE o.order_once IS NULL AND NOT o.is_return) AS INTEGER)`;

/**
 * The order parts (gold_fact_orders' columns) of the sales lines matching the filters, as a relation to
 * name `o`: read from gold_fact_orders. A category splits an order, so under one each of the category's
 * lines is a part (lines-as-order-parts.sql), its `order_once` NULL so orders are counted distinct; where
 * the engine keeps derived tables, a category's lines are taken out once for the loaded Gold, and every
 * report under that category filters those further.
 */
export async function orderPartsMatching(sql: SqlEngine, filters: KpiFilters): Promise<string> {
	const { category, ...rest } = filters;
	const conditions = orderPartConditions(rest, 'o');
	if (category === undefined) return `(SELECT * FROM gold_fact_orders o WHERE ${conditions})`;
	const lines = fillSql(linesAsOrderPartsSql, { sales: salesConditions({ category }, 'f') });
	const parts = await keptRelation(sql, lines);
	return `(SELECT * FROM ${parts} o WHERE ${conditions})`;
}

/**
 * The fragments of a query over the order parts of the sales matching the filters: `{{orders}} o` and the
 * distinct orders among them, `{{order_count}}`.
 */
export async function orderParts(
	sql: SqlEngine,
	filters: KpiFilters
): Promise<{ orders: string; order_count: string }> {
	return { orders: await orderPartsMatching(sql, filters), order_count: ORDER_COUNT };
}
