import type { AssociationRule } from '$lib/basket/association-rules';
import type { BasketItem } from '$lib/basket/basket-transactions';

/** A side of a rule as text: its items' labels joined with " + ". */
export function itemsText(ids: readonly number[], items: readonly BasketItem[]): string {
	return ids.map((id) => items[id]?.label ?? `#${id}`).join(' + ');
}

/** A rule as one line: `Pasta Penne 500g → Olive Oil 500ml`. */
export function ruleText(rule: AssociationRule, items: readonly BasketItem[]): string {
	return `${itemsText(rule.antecedents, items)} → ${itemsText(rule.consequents, items)}`;
}

/** A metric's value as the table shows it: 4 significant digits, ∞ for an infinite conviction. */
export function metricText(value: number): string {
	if (value === Infinity) return '∞';
	if (!Number.isFinite(value)) return '—';
	return Number(value.toPrecision(4)).toLocaleString('en-IN', { maximumFractionDigits: 6 });
}

/** A support (a fraction) as a percentage with 2 decimals below 10 %. */
export function supportText(value: number): string {
	return `${(value * 100).toLocaleString('en-IN', { maximumFractionDigits: value < 0.1 ? 2 : 1 })}%`;
}
