import { toDateKey } from '../analytics/filters';
import { kpiRows } from '../analytics/run-kpi';
import { toNumber } from '../analytics/values';
import type { SqlEngine } from '../sql/sql-engine';
import { quoteLiteral } from '../sql/sql-text';
import type { AnomalyDrill } from './anomalies';
import anomalyLinesSql from './sql/anomaly-lines.sql?raw';

export interface AnomalyLine {
	channel: 'pos' | 'web';
	orderId: string;
	lineNo: number;
	ts: string;
	storeId: string;
	city: string;
	customerId: string;
	productId: string;
	productName: string;
	category: string;
	quantity: number;
	unitPrice: number;
	netAmount: number;
	isSpike: boolean;
}

export interface AnomalyLines {
	/** Lines behind the anomaly in all; `lines` holds the newest `limit` of them. */
	total: number;
	lines: AnomalyLine[];
}

/** The SQL conditions on `f` (gold_fact_sales), `p` (product) and `s` (store) that select a drill's lines. */
export function drillConditions(drill: AnomalyDrill): string {
	const days = `f.date_key BETWEEN ${toDateKey(drill.from)} AND ${toDateKey(drill.to)}`;
	switch (drill.kind) {
		case 'store':
			return `f.channel = 'pos' AND s.store_id = ${quoteLiteral(drill.key)} AND ${days}`;
		case 'category':
			return `p.category = ${quoteLiteral(drill.key)} AND ${days}`;
		case 'product':
			return `p.product_id = ${quoteLiteral(drill.key)} AND ${days}`;
		case 'line': {
			const [channel, orderId, lineNo] = drill.key.split(':');
			const line = Number(lineNo);
			if (!Number.isInteger(line)) throw new RangeError(`Not a sales line: ${drill.key}`);
			return `f.channel = ${quoteLiteral(channel)} AND f.order_id = ${quoteLiteral(orderId)} AND f.line_no = ${line}`;
		}
	}
}

/** The sales lines behind an anomaly (an outage has none: that is the point), newest first. */
export async function anomalyLines(sql: SqlEngine, drill: AnomalyDrill, limit = 100): Promise<AnomalyLines> {
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
		throw new RangeError(`limit must be 1 … 1000, got ${limit}.`);
	const rows = await kpiRows(sql, anomalyLinesSql, { lines: drillConditions(drill), limit: String(limit) });
	return {
		total: rows.length === 0 ? 0 : toNumber(rows[0].total_lines),
		lines: rows.map((row) => ({
			channel: row.channel === 'web' ? 'web' : 'pos',
			orderId: String(row.order_id),
			lineNo: toNumber(row.line_no),
			ts: String(row.ts),
			storeId: String(row.store_id),
			city: String(row.city),
			customerId: String(row.customer_id),
			productId: String(row.product_id),
			productName: String(row.product_name),
			category: String(row.category),
			quantity: toNumber(row.quantity),
			unitPrice: toNumber(row.unit_price),
			netAmount: toNumber(row.net_amount),
			isSpike: row.is_spike === true
		}))
	};
}
