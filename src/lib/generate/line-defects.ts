import type { DefectInjector, DefectKind } from './defects';

/** What a sales line prints where its defect changes it; `null` text means "print the value as usual". */
export interface LineValues {
	quantity: number;
	/** Paise. */
	price: number;
	dateText: string | null;
	quantityText: string | null;
	priceText: string | null;
}

/** How a format writes a defect's raw text: CSV quotes what needs it, NDJSON writes JSON strings. */
export interface DefectTextFormat {
	date(text: string): string;
	number(text: string): string;
}

/**
 * Applies a POS or web line's defect to its printed values, in place (one object per writer, so the hot
 * path allocates nothing). The injector's draws happen in the same order for both channels.
 */
export function applyLineDefect(
	values: LineValues,
	defects: DefectInjector,
	defect: DefectKind | null,
	format: DefectTextFormat,
	second: number,
	quantity: number,
	price: number
): LineValues {
	values.quantity = quantity;
	values.price = price;
	values.dateText = values.quantityText = values.priceText = null;
	switch (defect) {
		case 'negative_price':
			values.price = -price;
			break;
		case 'future_date':
			values.dateText = defects.futureTimestamp(second);
			break;
		case 'malformed_date':
			values.dateText = format.date(defects.malformedTimestamp(second));
			break;
		case 'quantity_zero':
		case 'quantity_negative':
		case 'quantity_too_large':
		case 'quantity_spike':
			values.quantity = defects.defectQuantity(defect);
			break;
		case 'malformed_number':
			if (defects.malformsQuantity())
				values.quantityText = format.number(defects.malformedQuantity(quantity));
			else values.priceText = format.number(defects.malformedPrice(price));
			break;
	}
	return values;
}

export function emptyLineValues(): LineValues {
	return { quantity: 0, price: 0, dateText: null, quantityText: null, priceText: null };
}
