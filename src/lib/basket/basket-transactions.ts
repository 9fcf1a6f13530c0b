import { salesConditions, type KpiFilters } from '../analytics/filters';
import type { SqlEngine } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';
import { transactionsFromArrowList } from './arrow-transactions';
import { BASKET_LEVEL_SPECS, type BasketLevel } from './basket-levels';
import itemsSql from './sql/items.sql?raw';
import supportingTransactionsSql from './sql/supporting-transactions.sql?raw';
import transactionsSql from './sql/transactions.sql?raw';
import type { Transactions } from './transactions';

/** One item of a level: what the page and the CLI show for its id. */
export interface BasketItem {
	id: number;
	label: string;
	/** The product's id (product and cross-channel levels). */
	productId: string | null;
	category: string | null;
	/** Cross-channel level: where it was bought. */
	side: 'store' | 'online' | null;
}

/** A level's items, by id (`items[id].id === id`). */
export async function basketItems(sql: SqlEngine, level: BasketLevel): Promise<BasketItem[]> {
	const { rows } = await sql.query(fillSql(itemsSql, { item_map: BASKET_LEVEL_SPECS[level].itemMap }));
	return rows.map((row, index) => {
		if (Number(row.item) !== index) throw new Error(`The ${level} items are not numbered 0 … n − 1.`);
		return {
			id: index,
			label: String(row.label),
			productId: row.product_id === null ? null : String(row.product_id),
			category: row.category === null ? null : String(row.category),
			side: row.side === null ? null : (String(row.side) as 'store' | 'online')
		};
	});
}

/** The published Gold's transactions at `level` under the filters, items as ids into `basketItems`. */
export async function basketTransactions(
	sql: SqlEngine,
	level: BasketLevel,
	filters: KpiFilters,
	itemCount: number
): Promise<Transactions> {
	const spec = BASKET_LEVEL_SPECS[level];
	const ipc = await sql.queryArrowIPC(
		fillSql(transactionsSql, {
			item_map: spec.itemMap,
			transaction: spec.transaction,
			sales: `${salesConditions(filters, 'f')} AND ${spec.condition}`
		})
	);
	return transactionsFromArrowList(ipc, itemCount);
}

/** A transaction that holds every item of a rule: an order (or, across channels, a customer). */
export interface SupportingTransaction {
	/** The order id (or the customer id across channels). */
	transaction: string;
	channels: string;
	lastBought: string;
	city: string | null;
	customerId: string | null;
	lines: number;
	amount: number;
}

export interface SupportingTransactions {
	/** Every transaction under the filters that holds all the items (a rule's count, when they are its items). */
	total: number;
	/** The most recent of them. */
	rows: SupportingTransaction[];
}

/** The transactions under the filters that hold every one of `itemIds`, the most recent first. */
export async function supportingTransactions(
	sql: SqlEngine,
	level: BasketLevel,
	filters: KpiFilters,
	itemIds: readonly number[],
	limit = 20
): Promise<SupportingTransactions> {
	const ids = [...new Set(itemIds)];
	if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id >= 0)) {
		throw new RangeError(`Item ids are integers ≥ 0, got ${itemIds.join(', ')}.`);
	}
	const spec = BASKET_LEVEL_SPECS[level];
	const { rows } = await sql.query(
		fillSql(supportingTransactionsSql, {
			item_map: spec.itemMap,
			transaction: spec.transaction,
			transaction_label: spec.transactionLabel,
			sales: `${salesConditions(filters, 'f')} AND ${spec.condition}`,
			items: ids.join(', '),
			item_count: String(ids.length),
			limit: String(Math.max(0, Math.floor(limit)))
		})
	);
	return {
		total: rows.length ? Number(rows[0].total) : 0,
		rows: rows.map((row) => ({
			transaction: String(row.transaction),
			channels: String(row.channels),
			lastBought: String(row.last_bought),
			city: row.city === null ? null : String(row.city),
			customerId: row.customer_id === null ? null : String(row.customer_id),
			lines: Number(row.lines),
			amount: Number(row.amount)
		}))
	};
}
