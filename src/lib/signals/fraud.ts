import { kpiRows } from '../analytics/run-kpi';
import { toNumber } from '../analytics/values';
import { formatMoney } from '../format/number';
import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import { quoteLiteral } from '../sql/sql-text';
import { fillSql } from '../sql/sql-template';
import type { Pause } from './detection-progress';
import customerOrdersSql from './sql/customer-orders.sql?raw';
import fraudCategoryQuantitySql from './sql/fraud-category-quantity.sql?raw';
import fraudFirstOrdersSql from './sql/fraud-first-orders.sql?raw';
import fraudLinesSql from './sql/fraud-lines.sql?raw';
import fraudOrderCategoriesSql from './sql/fraud-order-categories.sql?raw';
import fraudOrderFactsSql from './sql/fraud-order-facts.sql?raw';
import fraudOrdersSql from './sql/fraud-orders.sql?raw';
import fraudRepeatBulkSql from './sql/fraud-repeat-bulk.sql?raw';
import fraudSeenCitiesSql from './sql/fraud-seen-cities.sql?raw';
import fraudShipCitiesSql from './sql/fraud-ship-cities.sql?raw';

/**
 * Fraud signals on web orders: each an explainable yes/no with a weight; an order's score is the sum of
 * the weights that fired (at most 100) and it is flagged for review from `FLAG_SCORE`. The weights are
 * set so that no signal an honest customer often shows flags an order alone, while each pattern of known
 * fraud (card testing, account takeover, reselling) adds up past the threshold. In-store sales are paid
 * in person and are not scored.
 */
export const FRAUD_SIGNAL_IDS = [
	'burst',
	'new_account',
	'small_amount',
	'new_ship_city',
	'high_value',
	'bulk_units',
	'repeat_bulk'
] as const;
export type FraudSignalId = (typeof FRAUD_SIGNAL_IDS)[number];

export interface FraudSignal {
	id: FraudSignalId;
	label: string;
	/** A word or two, for the review queue. */
	short: string;
	weight: number;
	/** Why it weighs what it does. */
	why: string;
}

/** An order needs this score to be flagged for review. */
export const FLAG_SCORE = 50;
/** Orders with 3 or more web orders of the account in the 30 minutes either side. */
export const BURST_ORDERS = 3;
/** An account's first order was less than this many hours before. */
export const NEW_ACCOUNT_HOURS = 24;
export const SMALL_AMOUNT = 500;
/** A bulk line: at least this many units of one product, and twice the 99th percentile of its category's lines. */
export const BULK_FLOOR = 6;

export const FRAUD_SIGNALS: readonly FraudSignal[] = [
	{
		id: 'burst',
		short: 'Burst',
		label: `${BURST_ORDERS}+ orders of the account within 30 minutes`,
		weight: 45,
		why: 'Card testers push many small charges through in minutes; people rarely order three times in half an hour. Not enough alone (a shopper fixing a cart), decisive with a new account or a small amount.'
	},
	{
		id: 'new_account',
		short: 'New account',
		label: 'Account younger than a day',
		weight: 15,
		why: 'Fraud favours fresh accounts, but so does every new customer: weak on its own.'
	},
	{
		id: 'small_amount',
		short: 'Small amount',
		// Read when a report is made, in the lake's currency then.
		get label() {
			return `Order under ${formatMoney(SMALL_AMOUNT)}`;
		},
		weight: 10,
		why: 'A test charge is small; so is a packet of biscuits. Only adds to other signals.'
	},
	{
		id: 'new_ship_city',
		short: 'New ship-to city',
		label: "Shipped to a city the account never used (not the account's city)",
		weight: 40,
		why: 'A taken-over account ships elsewhere; a gift does too, so it needs one more signal to flag.'
	},
	{
		id: 'high_value',
		short: 'High value',
		label: 'Order value in the top 1 % of web orders',
		weight: 25,
		why: 'Takeovers cash out on expensive goods; most large orders are honest, so it only adds.'
	},
	{
		id: 'bulk_units',
		short: 'Bulk units',
		label: `Twice the units of one product that 99 % of its category's lines hold (at least ${BULK_FLOOR})`,
		weight: 50,
		why: 'A household rarely buys six of one durable item; resellers do. Flags alone: worth a look.'
	},
	{
		id: 'repeat_bulk',
		short: 'Repeat bulk',
		label: 'Bought the same product in bulk before',
		weight: 30,
		why: 'A second bulk order of the same item is a pattern, not an accident.'
	}
];

const WEIGHTS = new Map(FRAUD_SIGNALS.map((signal) => [signal.id, signal.weight]));

/** What the signals read from one web order (fraud-orders.sql). */
export interface OrderFacts {
	ordersWithin30Min: number;
	/** Hours since the account's first order (any channel); null for an order without a customer id. */
	accountAgeHours: number | null;
	amount: number;
	highValueThreshold: number;
	newShipCity: boolean;
	bulk: boolean;
	repeatBulk: boolean;
}

/** The signals an order fires, in FRAUD_SIGNALS order. */
export function firedSignals(order: OrderFacts): FraudSignalId[] {
	const fired: Record<FraudSignalId, boolean> = {
		burst: order.ordersWithin30Min >= BURST_ORDERS,
		new_account: order.accountAgeHours !== null && order.accountAgeHours < NEW_ACCOUNT_HOURS,
		small_amount: order.amount < SMALL_AMOUNT,
		new_ship_city: order.newShipCity,
		high_value: order.amount >= order.highValueThreshold,
		bulk_units: order.bulk,
		repeat_bulk: order.repeatBulk
	};
	return FRAUD_SIGNAL_IDS.filter((id) => fired[id]);
}

/** Σ the weights of `signals`, at most 100. */
export function fraudScore(signals: readonly FraudSignalId[]): number {
	return Math.min(
		100,
		signals.reduce((total, id) => total + (WEIGHTS.get(id) ?? 0), 0)
	);
}

export interface ScoredOrder {
	orderId: string;
	/** `YYYY-MM-DD HH:MM:SS` */
	ts: string;
	customerId: string;
	/** The account's city on the order (the customer's city). */
	accountCity: string;
	shipCity: string | null;
	amount: number;
	units: number;
	lines: number;
	maxQuantity: number;
	categories: string[];
	ordersWithin30Min: number;
	accountAgeHours: number | null;
	signals: FraudSignalId[];
	score: number;
	flagged: boolean;
}

/** Web orders read and scored at a time, between two pauses. */
const ORDERS_PER_PAGE = 20_000;

/** The working tables of scoring, in the order they are made; dropped after it. */
const FRAUD_TABLES = [
	'fraud_category_quantity',
	'fraud_lines',
	'fraud_order_categories',
	'fraud_repeat_bulk',
	'fraud_ship_cities',
	'fraud_orders',
	'fraud_first_orders',
	'fraud_seen_cities',
	'fraud_order_facts'
];

/**
 * Every web order on the published Gold, scored, in time order. Computed in parts, between which it calls
 * `pause` (the engine lets a dashboard's waiting request run there: at 1M lines this takes seconds).
 */
export async function scoreWebOrders(sql: SqlEngine, pause: Pause = () => {}): Promise<ScoredOrder[]> {
	try {
		// One statement per part, a pause after each: at 1M lines each takes up to ~0.3 s of DuckDB-WASM in Node.
		for (const statement of [
			fraudCategoryQuantitySql,
			fillSql(fraudLinesSql, { bulk_floor: String(BULK_FLOOR) }),
			fraudOrderCategoriesSql,
			fraudRepeatBulkSql,
			fraudShipCitiesSql,
			fraudOrdersSql,
			fraudFirstOrdersSql,
			fraudSeenCitiesSql
		]) {
			await sql.exec(statement);
			await pause();
		}
		await sql.exec(fraudOrderFactsSql);
		const [{ n }] = (await sql.query('SELECT count(*) AS n FROM fraud_order_facts')).rows;
		const orders: ScoredOrder[] = [];
		for (let from = 0; from < Number(n); from += ORDERS_PER_PAGE) {
			await pause();
			const { rows } = await sql.query(
				`SELECT * EXCLUDE (seq) FROM fraud_order_facts WHERE seq > ${from} AND seq <= ${from + ORDERS_PER_PAGE} ORDER BY seq`
			);
			for (const row of rows) orders.push(scoredOrder(row));
		}
		return orders;
	} finally {
		for (const table of FRAUD_TABLES) await sql.exec(`DROP TABLE IF EXISTS ${table}`);
	}
}

function scoredOrder(row: Record<string, SqlValue>): ScoredOrder {
	const facts: OrderFacts = {
		ordersWithin30Min: toNumber(row.orders_within_30_min),
		accountAgeHours: row.account_age_hours === null ? null : toNumber(row.account_age_hours),
		amount: toNumber(row.amount),
		highValueThreshold: toNumber(row.high_value_threshold),
		newShipCity: row.new_ship_city === true,
		bulk: row.bulk === true,
		repeatBulk: row.repeat_bulk === true
	};
	const signals = firedSignals(facts);
	const score = fraudScore(signals);
	return {
		orderId: String(row.order_id),
		ts: String(row.ts),
		customerId: String(row.customer_id),
		accountCity: String(row.account_city),
		shipCity: row.ship_city === null ? null : String(row.ship_city),
		amount: Math.round(facts.amount * 100) / 100,
		units: toNumber(row.units),
		lines: toNumber(row.lines),
		maxQuantity: toNumber(row.max_quantity),
		categories: row.categories === null ? [] : String(row.categories).split('|'),
		ordersWithin30Min: facts.ordersWithin30Min,
		accountAgeHours: facts.accountAgeHours === null ? null : Math.round(facts.accountAgeHours * 10) / 10,
		signals,
		score,
		flagged: score >= FLAG_SCORE
	};
}

export interface CustomerOrder {
	channel: 'pos' | 'web';
	orderId: string;
	ts: string;
	city: string;
	shipCity: string | null;
	amount: number;
	units: number;
	items: string;
}

/** A customer's orders, both channels, newest first (at most 200). */
export async function customerOrders(sql: SqlEngine, customerId: string): Promise<CustomerOrder[]> {
	const rows = await kpiRows(sql, customerOrdersSql, { customer: quoteLiteral(customerId) });
	return rows.map((row) => ({
		channel: row.channel === 'web' ? 'web' : 'pos',
		orderId: String(row.order_id),
		ts: String(row.ts),
		city: String(row.city),
		shipCity: row.ship_city === null ? null : String(row.ship_city),
		amount: Math.round(toNumber(row.amount) * 100) / 100,
		units: toNumber(row.units),
		items: String(row.items)
	}));
}
