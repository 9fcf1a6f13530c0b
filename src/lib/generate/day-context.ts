/** What every dataset needs to know about the day being generated. */
export interface DayContext {
	dayNo: number;
	/** 0 = January. */
	month: number;
	/** `YYYY-MM-DD ` (with the trailing space) as UTF-8, to prefix a time of day. */
	datePrefix: Uint8Array;
	/** Promotion discount running today. */
	discount: number;
	/** Customers signed up by today: ids below this exist. */
	signedUp: number;
}
