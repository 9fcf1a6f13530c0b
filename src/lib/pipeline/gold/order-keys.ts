import { fillSql } from '../../sql/sql-template';
import orderKeysSql from './order-keys.sql?raw';

/** A query numbering the distinct orders of `source` (a table name) 1…n in `order_id` order: `order_id, order_key`. */
export function orderKeysOf(source: string): string {
	return fillSql(orderKeysSql, { source });
}
