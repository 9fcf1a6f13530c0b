import type { SqlEngine } from '../../sql/sql-engine';
import { fillSql } from '../../sql/sql-template';
import type { GoldStats } from '../types';
import aggDailySalesSql from './agg-daily-sales.sql?raw';
import aggStockDrawsSql from './agg-stock-draws.sql?raw';
import { createCalendarDays } from './calendar-days';
import dateKeySql from './date-key.sql?raw';
import dimCustomerSql from './dim-customer.sql?raw';
import dimDateSql from './dim-date.sql?raw';
import dimProductSql from './dim-product.sql?raw';
import dimStoreSql from './dim-store.sql?raw';
import factInventorySql from './fact-inventory.sql?raw';
import factSalesSql from './fact-sales.sql?raw';
import factShipmentsSql from './fact-shipments.sql?raw';
import goldOrderKeysSql from './gold-order-keys.sql?raw';
import goldTotalsSql from './gold-totals.sql?raw';
import { orderKeysOf } from './order-keys';
import {
	createAllCustomerMonths,
	createCategoryOrderTotals,
	createDailyCategoryOrders,
	createOrderCategoryParts,
	createProductSales,
	DAILY_ORDERS,
	FACT_ORDERS,
	ORDER_TOTALS
} from './order-parts';
import orphansSql from './orphans.sql?raw';

/**
 * Makes what sums gold_fact_sales up: the daily aggregates (by store and category, by product), the order
 * parts, whole (gold_fact_orders) and by category (gold_fact_order_categories), both summed by day and
 * place (gold_agg_daily_orders, gold_agg_daily_category_orders) and over every day (gold_agg_order_totals,
 * gold_agg_category_order_totals), and the customers of each month, whole and by category
 * (gold_agg_customer_months, gold_agg_category_customer_months).
 */
export async function summarizeSales(sql: SqlEngine): Promise<void> {
	await sql.exec(aggDailySalesSql);
	await createProductSales(sql);
	await sql.exec(FACT_ORDERS);
	await createOrderCategoryParts(sql);
	await sql.exec(DAILY_ORDERS);
	await createDailyCategoryOrders(sql);
	await sql.exec(ORDER_TOTALS);
	await createCategoryOrderTotals(sql);
	await createAllCustomerMonths(sql);
}

/** The statement that sums gold_fact_sales up by the store each line drew stock from (gold_fact_shipments'). */
export const STOCK_DRAWS = aggStockDrawsSql;

/**
 * Gold's statements after dim_date, in dependency order: dimensions, the orders' numbering (a working table,
 * dropped once the fact has it), then facts (what sums the sales up comes after them).
 */
const TABLES = [
	dimProductSql,
	dimStoreSql,
	dimCustomerSql,
	fillSql(goldOrderKeysSql, { order_keys: orderKeysOf('silver_sales_lines') }),
	factSalesSql,
	'DROP TABLE gold_order_keys',
	orphansSql,
	factInventorySql,
	factShipmentsSql
];

/**
 * Silver → Gold: (re)creates the star schema of docs/data-model.md and `gold_orphans` (check 5) from the silver
 * tables, and returns the counts and amounts that reconcile it with Silver.
 */
export async function buildGold(sql: SqlEngine): Promise<GoldStats> {
	await sql.exec(dateKeySql);
	await createCalendarDays(sql);
	try {
		await sql.exec(dimDateSql);
	} finally {
		await sql.exec(`DROP TABLE IF EXISTS gold_calendar_days`);
	}
	for (const statement of TABLES) await sql.exec(statement);
	await summarizeSales(sql);
	await sql.exec(STOCK_DRAWS);
	const [totals] = (await sql.query(goldTotalsSql)).rows;
	const { orphan_sales, orphan_shipments, net_amount, orphan_net_amount, ...tables } = totals;
	return {
		tables: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, Number(rows)])),
		orphan_sales: Number(orphan_sales),
		orphan_shipments: Number(orphan_shipments),
		net_amount: String(net_amount),
		orphan_net_amount: String(orphan_net_amount)
	};
}
