import type { AssociationRule } from '$lib/basket/association-rules';
import type { BasketItem } from '$lib/basket/basket-transactions';
import { metricText, ruleText } from './rule-format';

/** A node of the rule network: an item, or the junction where a multi-item side meets. */
export interface NetworkNode {
	id: string;
	text: string;
	kind: 'item' | 'junction';
	width: number;
	height: number;
}

/** An arrow from one node to another; `both` when the rule holds either way (A → B and B → A). */
export interface NetworkEdge {
	source: string;
	target: string;
	/** Whether the arrow ends at `target` (false for the link from an item into a junction). */
	arrow: boolean;
	both: boolean;
	lift: number;
	/** The rules it draws, for its tooltip. */
	title: string;
}

export interface NetworkData {
	nodes: NetworkNode[];
	edges: NetworkEdge[];
	/** The rules drawn, strongest first. */
	rules: number;
}

const CHAR_WIDTH = 6.6;
const NODE_HEIGHT = 26;

/**
 * The strongest rules (at most `maxRules`, in the order given) as a graph: items are nodes and each rule
 * an arrow from its antecedent to its consequent; a rule and its reverse share one two-headed arrow, and a
 * side of several items meets at a junction, so the picture stays a few small clusters.
 */
export function ruleNetwork(
	rules: readonly AssociationRule[],
	items: readonly BasketItem[],
	maxRules = 12
): NetworkData {
	const nodes = new Map<string, NetworkNode>();
	const edges = new Map<string, NetworkEdge>();
	const itemNode = (id: number) => {
		const key = `i${id}`;
		if (!nodes.has(key)) {
			const text = items[id]?.label ?? `#${id}`;
			nodes.set(key, {
				id: key,
				text,
				kind: 'item',
				width: Math.round(text.length * CHAR_WIDTH + 20),
				height: NODE_HEIGHT
			});
		}
		return key;
	};
	const side = (ids: readonly number[], junction: string) => {
		if (ids.length === 1) return itemNode(ids[0]);
		nodes.set(junction, { id: junction, text: '', kind: 'junction', width: 8, height: 8 });
		return junction;
	};
	const addEdge = (source: string, target: string, rule: AssociationRule, text: string, arrow = true) => {
		const reverse = edges.get(`${target}>${source}`);
		if (reverse && arrow && reverse.arrow) {
			reverse.both = true;
			reverse.title += `\n${text}`;
			return;
		}
		const key = `${source}>${target}`;
		if (!edges.has(key)) edges.set(key, { source, target, arrow, both: false, lift: rule.lift, title: text });
	};

	let drawn = 0;
	for (const rule of rules) {
		if (drawn === maxRules) break;
		drawn++;
		const text = `${ruleText(rule, items)} (lift ${metricText(rule.lift)}, confidence ${Math.round(rule.confidence * 100)}%)`;
		const from = side(rule.antecedents, `a${drawn}`);
		const to = side(rule.consequents, `c${drawn}`);
		for (const id of rule.antecedents.length > 1 ? rule.antecedents : [])
			addEdge(itemNode(id), from, rule, text, false);
		addEdge(from, to, rule, text);
		for (const id of rule.consequents.length > 1 ? rule.consequents : [])
			addEdge(to, itemNode(id), rule, text);
	}
	return { nodes: [...nodes.values()], edges: [...edges.values()], rules: drawn };
}
