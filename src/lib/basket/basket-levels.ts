import categoryItemMapSql from './sql/category-item-map.sql?raw';
import crossChannelItemMapSql from './sql/cross-channel-item-map.sql?raw';
import productItemMapSql from './sql/product-item-map.sql?raw';

/** What a transaction and an item are (docs/basket.md). */
export const BASKET_LEVELS = ['product', 'category', 'cross-channel'] as const;
export type BasketLevel = (typeof BASKET_LEVELS)[number];

export interface BasketLevelSpec {
	/** In a sentence, for the page and the CLI's help. */
	description: string;
	/** SQL: one row per product_sk × channel with its item id and what the page shows of the item. */
	itemMap: string;
	/** SQL: the columns of gold_fact_sales `f` that make one transaction. */
	transaction: string;
	/** SQL: what names a transaction to a reader (an order id, a customer id). */
	transactionLabel: string;
	/** SQL: a condition on `f` beyond the filters; return lines are never bought items (a return is not an order). */
	condition: string;
	/** Keeps only the rules that read in the level's direction; all of them when absent. */
	accept?: (antecedents: readonly number[], consequents: readonly number[]) => boolean;
}

const isStoreItem = (item: number) => item % 2 === 0;

export const BASKET_LEVEL_SPECS: Record<BasketLevel, BasketLevelSpec> = {
	product: {
		description: 'transactions are orders (POS invoices and web orders); items are products',
		itemMap: productItemMapSql,
		transaction: 'f.channel, f.order_id',
		transactionLabel: 'f.order_id',
		condition: 'NOT f.is_return'
	},
	category: {
		description: 'transactions are orders; items are product categories',
		itemMap: categoryItemMapSql,
		transaction: 'f.channel, f.order_id',
		transactionLabel: 'f.order_id',
		condition: 'NOT f.is_return'
	},
	'cross-channel': {
		description:
			'transactions are customers; items are products bought in a store or online, and rules read store → online',
		itemMap: crossChannelItemMapSql,
		transaction: 'f.customer_id',
		transactionLabel: 'f.customer_id',
		condition: "NOT f.is_return AND f.customer_id IS NOT NULL AND f.customer_id <> 'UNKNOWN'",
		accept: (antecedents, consequents) => antecedents.every(isStoreItem) && !consequents.some(isStoreItem)
	}
};

export function isBasketLevel(value: string): value is BasketLevel {
	return (BASKET_LEVELS as readonly string[]).includes(value);
}
