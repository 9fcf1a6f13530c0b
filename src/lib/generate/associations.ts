import type { Catalog } from './catalog';

/**
 * Planted co-purchase associations: when an order holds the antecedent, the consequent joins it with
 * `probability` (if the store carries it). Market-basket mining must recover every one of them.
 * No product appears in two rules, so the rules do not interfere.
 */
const ASSOCIATION_SPECS: readonly { antecedent: string; consequent: string; probability: number }[] = [
	{ antecedent: 'Pasta Penne 500g', consequent: 'Olive Oil 500ml', probability: 0.55 },
	{ antecedent: 'Keyboard Mechanical', consequent: 'Mouse Wireless', probability: 0.5 },
	{ antecedent: 'Cricket Bat English Willow', consequent: 'Sweatband Wrist 2pc', probability: 0.45 },
	{ antecedent: 'Shampoo Anti-Dandruff 300ml', consequent: 'Conditioner Keratin 200ml', probability: 0.45 },
	{ antecedent: 'Basmati Rice 5kg', consequent: 'Toor Dal 1kg', probability: 0.4 },
	{ antecedent: 'Yoga Mat 6mm', consequent: 'Resistance Bands Set', probability: 0.4 },
	{ antecedent: 'Face Wash Gel 100ml', consequent: 'Moisturiser SPF 30', probability: 0.4 },
	{ antecedent: 'Board Game Monopoly', consequent: 'Card Game UNO', probability: 0.35 }
];

/** Antecedents are made this much more appealing, so that their rules clear usual support thresholds. */
const ANTECEDENT_APPEAL = 3;

export interface Association {
	antecedent: number;
	consequent: number;
	probability: number;
}

export function plantedAssociations(catalog: Catalog): Association[] {
	const indexOf = (name: string) => {
		const product = catalog.products.find((p) => p.name === name);
		if (!product) throw new Error(`No product named ${name}`);
		return product.index;
	};
	return ASSOCIATION_SPECS.map(({ antecedent, consequent, probability }) => ({
		antecedent: indexOf(antecedent),
		consequent: indexOf(consequent),
		probability
	}));
}

/** Per product: the consequent its presence pulls into an order (−1 for none), and with what probability. */
export interface AssociationLookup {
	consequentOf: Int16Array;
	probabilityOf: Float64Array;
}

export function associationLookup(
	associations: readonly Association[],
	productCount: number
): AssociationLookup {
	const consequentOf = new Int16Array(productCount).fill(-1);
	const probabilityOf = new Float64Array(productCount);
	for (const { antecedent, consequent, probability } of associations) {
		consequentOf[antecedent] = consequent;
		probabilityOf[antecedent] = probability;
	}
	return { consequentOf, probabilityOf };
}

/** Each product's popularity, with the antecedents of planted rules made more appealing. */
export function productAppeal(catalog: Catalog, associations: readonly Association[]): Float64Array {
	const appeal = Float64Array.from(catalog.products, (product) => product.popularity);
	for (const { antecedent } of associations) appeal[antecedent] *= ANTECEDENT_APPEAL;
	return appeal;
}
