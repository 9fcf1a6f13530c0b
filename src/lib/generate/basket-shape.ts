/** How many distinct products an order holds, before planted associations add their consequents. */
export const POS_BASKET_SIZE_WEIGHTS: readonly number[] = [30, 24, 17, 11, 7, 5, 3.5, 2.5];
export const WEB_BASKET_SIZE_WEIGHTS: readonly number[] = [52, 26, 12, 6, 4];

/** Mean of a size distribution whose weight i is for size i + 1. */
export function meanBasketSize(weights: readonly number[]): number {
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	return weights.reduce((sum, weight, i) => sum + weight * (i + 1), 0) / total;
}
