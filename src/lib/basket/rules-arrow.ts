import {
	Field,
	Int32,
	List,
	Table,
	Utf8,
	makeVector,
	tableFromIPC,
	tableToIPC,
	vectorFromArray,
	type Vector
} from 'apache-arrow';
import type { AssociationRule } from './association-rules';
import type { BasketItem } from './basket-transactions';
import { MLXTEND_COLUMNS, RULE_METRICS } from './rule-metrics';

/**
 * Rules as an Arrow table with mlxtend's columns, in its order (`antecedents` and `consequents` as lists of
 * item names), then each side's item ids and the count of transactions behind the rule. Conviction at
 * confidence 1 is a double infinity.
 */
export function rulesToArrowIPC(rules: readonly AssociationRule[], items: readonly BasketItem[]): Uint8Array {
	const names = (ids: readonly number[]) => ids.map((id) => items[id].label);
	const ids = (pick: (rule: AssociationRule) => readonly number[]) =>
		vectorFromArray(
			rules.map((rule) => [...pick(rule)]),
			new List(new Field('item', new Int32(), true))
		);
	const columns: Record<string, Vector> = {
		antecedents: vectorFromArray(
			rules.map((rule) => names(rule.antecedents)),
			new List(new Field('item', new Utf8(), true))
		),
		consequents: vectorFromArray(
			rules.map((rule) => names(rule.consequents)),
			new List(new Field('item', new Utf8(), true))
		)
	};
	for (const metric of RULE_METRICS) {
		columns[MLXTEND_COLUMNS[metric]] = makeVector(Float64Array.from(rules, (rule) => rule[metric]));
	}
	columns.antecedent_ids = ids((rule) => rule.antecedents);
	columns.consequent_ids = ids((rule) => rule.consequents);
	columns.count = makeVector(Int32Array.from(rules, (rule) => rule.count));
	return tableToIPC(new Table(columns), 'stream');
}

/** The rules of an Arrow table written by `rulesToArrowIPC`, in its row order. */
export function rulesFromArrowIPC(ipc: Uint8Array): AssociationRule[] {
	const table = tableFromIPC(ipc);
	const column = (name: string) => {
		const vector = table.getChild(name);
		if (!vector) throw new Error(`The rules file has no "${name}" column.`);
		return vector;
	};
	const idLists = (name: string) => {
		const vector = column(name);
		return Array.from({ length: table.numRows }, (_, row) =>
			Array.from(vector.get(row) as Iterable<number>, Number)
		);
	};
	const antecedents = idLists('antecedent_ids');
	const consequents = idLists('consequent_ids');
	const metrics = RULE_METRICS.map((metric) => [metric, column(MLXTEND_COLUMNS[metric]).toArray()] as const);
	const counts = column('count').toArray();
	return Array.from({ length: table.numRows }, (_, row) => {
		const rule = { antecedents: antecedents[row], consequents: consequents[row], count: Number(counts[row]) };
		for (const [metric, values] of metrics) Object.assign(rule, { [metric]: Number(values[row]) });
		return rule as AssociationRule;
	});
}
