import type { Rng } from './rng';

/**
 * Selling prices never exceed the list price (the MRP, as Indian law requires) and never fall below
 * 70 % of it: promotions take up to 15 %, the web 3 % more, and day-to-day markdowns up to 7 %.
 */
export const PRICE_BAND = { minShareOfList: 0.7, maxShareOfList: 1 } as const;

const MAX_MARKDOWN = 0.07;
const WEB_DISCOUNT = 0.03;

export function unitPricePaise(rng: Rng, listPaise: number, promotionDiscount: number, web: boolean): number {
	const share = 1 - promotionDiscount - (web ? WEB_DISCOUNT : 0) - rng.float() * MAX_MARKDOWN;
	return Math.round(listPaise * share);
}
