import type { SqlEngine } from '../sql/sql-engine';
import lastOrdersSql from './live/last-orders.sql?raw';
import liveClockSql from './live/live-clock.sql?raw';
import { toNumber } from './values';

/** The live panel's figures on the published Gold, by the lake's clock (its newest web order). */
export interface LivePanel {
	/** `YYYY-MM-DD HH:MM:SS` of the newest web order; null without web orders. */
	now: string | null;
	/** Web orders in the minute up to `now`. */
	ordersPerMinute: number;
	/** Orders and revenue of `now`'s day, every channel. */
	ordersToday: number;
	revenueToday: number;
	/** The newest web orders, newest first. */
	lastOrders: { orderId: string; at: string; city: string; lines: number; amount: number }[];
}

export async function livePanel(sql: SqlEngine): Promise<LivePanel> {
	const [clock] = (await sql.query(liveClockSql)).rows;
	if (!clock) return { now: null, ordersPerMinute: 0, ordersToday: 0, revenueToday: 0, lastOrders: [] };
	const orders = (await sql.query(lastOrdersSql)).rows;
	return {
		now: String(clock.now),
		ordersPerMinute: toNumber(clock.web_orders_last_minute),
		ordersToday: toNumber(clock.orders_today),
		revenueToday: toNumber(clock.revenue_today),
		lastOrders: orders.map((row) => ({
			orderId: String(row.order_id),
			at: String(row.ts),
			city: String(row.city),
			lines: toNumber(row.lines),
			amount: toNumber(row.amount)
		}))
	};
}
