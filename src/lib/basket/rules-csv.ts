import { csvLine } from '../generate/csv';
import type { AssociationRule } from './association-rules';
import type { BasketItem } from './basket-transactions';
import { RULE_RECORD_COLUMNS, ruleRecord } from './rule-records';

/**
 * Rules as RFC 4180 CSV (CRLF line ends, a header row) with mlxtend's columns; an itemset's items are joined
 * with " + ", an infinite conviction is `inf`.
 */
export function rulesCsv(rules: readonly AssociationRule[], items: readonly BasketItem[]): string {
	const records = rules.map((rule) => ruleRecord(rule, items));
	const header = RULE_RECORD_COLUMNS;
	const text = (value: string | number | string[]) =>
		Array.isArray(value) ? value.join(' + ') : String(value);
	return [header, ...records.map((record) => header.map((key) => text(record[key])))]
		.map((fields) => `${csvLine(fields)}\r\n`)
		.join('');
}
