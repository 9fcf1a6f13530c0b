import { civilDate, formatDate, formatTime, formatTimestamp, SECONDS_PER_DAY, TWO_DIGITS } from './dates';
import { formatRupeesForHumans } from './money';
import { Rng } from './rng';

/**
 * Injected dirty data. Each defective row carries exactly one defect, so per-kind counts are exact.
 * The kinds map onto the seven quality checks (docs/quality.md) plus ingestion's type casting.
 */
export const DEFECT_KINDS = [
	'negative_price',
	'future_date',
	'null_customer_id',
	'duplicate_row',
	'unknown_product_id',
	'unknown_store_id',
	'orphan_order_id',
	'quantity_zero',
	'quantity_negative',
	'quantity_too_large',
	'quantity_spike',
	'malformed_date',
	'malformed_number',
	'truncated_line'
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface DefectCheck {
	/** Quality check number (docs/quality.md), or 0 for rows that fail type casting at ingestion. */
	check: number;
	/** What the pipeline must do with the row. */
	action: 'quarantine' | 'reject' | 'fill' | 'drop_duplicate' | 'flag';
	/** How to recognise it in the raw file. */
	rule: string;
}

export const DEFECT_CHECKS: Record<DefectKind, DefectCheck> = {
	negative_price: { check: 1, action: 'quarantine', rule: 'unit_price < 0' },
	future_date: { check: 2, action: 'reject', rule: 'event time > referenceTime (all are ≥ futureDatesFrom)' },
	null_customer_id: { check: 3, action: 'fill', rule: 'customer_id null or empty' },
	duplicate_row: { check: 4, action: 'drop_duplicate', rule: 'a later row identical to an earlier one' },
	unknown_product_id: { check: 5, action: 'reject', rule: 'product_id not in the products master' },
	unknown_store_id: { check: 5, action: 'reject', rule: 'store_id not in the stores master' },
	orphan_order_id: { check: 5, action: 'flag', rule: 'shipment order_id not among web order ids' },
	quantity_zero: { check: 6, action: 'reject', rule: 'quantity = 0' },
	quantity_negative: { check: 6, action: 'reject', rule: 'quantity < 0' },
	quantity_too_large: { check: 6, action: 'reject', rule: 'quantity > 10000' },
	quantity_spike: { check: 6, action: 'flag', rule: 'quantity > max(Q3 + 3·IQR, 50) per product' },
	malformed_date: { check: 0, action: 'reject', rule: 'an event date that does not cast to DATE/TIMESTAMP' },
	malformed_number: {
		check: 0,
		action: 'reject',
		rule: 'a quantity or amount that does not cast to a number'
	},
	truncated_line: { check: 0, action: 'reject', rule: "the file's last line is cut short (fewer columns)" }
};

/** Kinds that take a sales line out of Silver; web orders get at most one per order, and only beside another line. */
export const LINE_REMOVING_KINDS: ReadonlySet<DefectKind> = new Set([
	'negative_price',
	'future_date',
	'unknown_product_id',
	'unknown_store_id',
	'quantity_zero',
	'quantity_negative',
	'quantity_too_large',
	'malformed_date',
	'malformed_number'
]);

/** Future-dated rows lie at least this far past the range, so any plausible run clock catches them. */
export const FUTURE_OFFSET_MIN_DAYS = 30 * 365;
const FUTURE_OFFSET_SPAN_DAYS = 40 * 365;

/**
 * Spikes: quantities as a keying slip (a digit typed twice, an extra zero) or a bulk order gives them, far
 * above any natural one (natural ≤ 20) and above the flag's floor (50), but not so large that a few of
 * them outweigh a year of sales.
 */
export const SPIKE_QUANTITY_RANGE: readonly [number, number] = [60, 250];
export const SPIKE_RULE = { iqrMultiplier: 3, floor: 50 } as const;

export type DefectCounts = Partial<Record<DefectKind, number>>;

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Draws the defects of one dataset from its own random stream and counts what it injected. */
export class DefectInjector {
	readonly counts: DefectCounts = {};
	readonly #rng: Rng;

	/** `lastDay`: the range's last day; future dates lie `FUTURE_OFFSET_MIN_DAYS` or more after it. */
	constructor(
		seed: number,
		dataset: string,
		readonly rate: number,
		readonly kinds: readonly DefectKind[],
		private readonly lastDay: number
	) {
		this.#rng = Rng.stream(seed, `defects:${dataset}`);
	}

	/** The defect for the next row, or null for a clean one. `allowRemoving: false` keeps the line in Silver. */
	next(allowRemoving = true): DefectKind | null {
		if (this.#rng.float() >= this.rate) return null;
		const kind = this.kinds[this.#rng.int(this.kinds.length)];
		if (!allowRemoving && LINE_REMOVING_KINDS.has(kind)) return null;
		this.record(kind);
		return kind;
	}

	record(kind: DefectKind): void {
		this.counts[kind] = (this.counts[kind] ?? 0) + 1;
	}

	/** The event's time of day on a day decades after the range (a clock set wrong). */
	futureTimestamp(epochSecond: number): string {
		return formatTimestamp(this.#futureDay() * SECONDS_PER_DAY + (epochSecond % SECONDS_PER_DAY));
	}

	futureDate(): string {
		return formatDate(this.#futureDay());
	}

	/** A timestamp that no strict `YYYY-MM-DD HH:MM:SS` parser accepts. */
	malformedTimestamp(epochSecond: number): string {
		const dayNo = Math.floor(epochSecond / SECONDS_PER_DAY);
		const time = formatTime(epochSecond - dayNo * SECONDS_PER_DAY);
		const date = this.malformedDate(dayNo);
		return date === 'N/A' ? date : `${date} ${time}`;
	}

	/** A date that no strict `YYYY-MM-DD` parser accepts: day-first, an impossible day or month, or N/A. */
	malformedDate(dayNo: number): string {
		const { year, month, day } = civilDate(dayNo);
		switch (this.#rng.int(4)) {
			case 0:
				return `${TWO_DIGITS[day]}/${TWO_DIGITS[month]}/${year}`;
			case 1:
				return `${year}-${TWO_DIGITS[month]}-32`;
			case 2:
				return `${year}-13-${TWO_DIGITS[day]}`;
			default:
				return 'N/A';
		}
	}

	/** A quantity as someone typed it: `3 pcs`, `two` or `N/A`. */
	malformedQuantity(quantity: number): string {
		switch (this.#rng.int(3)) {
			case 0:
				return `${quantity} pcs`;
			case 1:
				return NUMBER_WORDS[quantity] ?? 'many';
			default:
				return 'N/A';
		}
	}

	/** A price as someone typed it: `₹1,299.00` or `N/A`. */
	malformedPrice(paise: number): string {
		return this.#rng.chance(0.7) ? formatRupeesForHumans(paise) : 'N/A';
	}

	/** Which field a malformed number goes into. */
	malformsQuantity(): boolean {
		return this.#rng.chance(0.5);
	}

	/** The quantity shown by a quantity defect. */
	defectQuantity(kind: DefectKind): number {
		switch (kind) {
			case 'quantity_zero':
				return 0;
			case 'quantity_negative':
				return -this.#rng.intBetween(1, 5);
			case 'quantity_too_large':
				return this.#rng.intBetween(10_001, 99_999);
			default:
				return this.#rng.intBetween(SPIKE_QUANTITY_RANGE[0], SPIKE_QUANTITY_RANGE[1]);
		}
	}

	/** A large, never-issued order number for orphan shipments. */
	orphanOrderNumber(): number {
		return 90_000_000 + this.#rng.int(9_999_999);
	}

	#futureDay(): number {
		return this.lastDay + FUTURE_OFFSET_MIN_DAYS + this.#rng.int(FUTURE_OFFSET_SPAN_DAYS);
	}
}

/** Which defects each dataset receives. The masters stay clean: they are what checks compare against. */
export const DATASET_DEFECT_KINDS = {
	pos_sales: [
		'negative_price',
		'future_date',
		'null_customer_id',
		'duplicate_row',
		'unknown_product_id',
		'unknown_store_id',
		'quantity_zero',
		'quantity_negative',
		'quantity_too_large',
		'quantity_spike',
		'malformed_date',
		'malformed_number'
	],
	web_orders: [
		'negative_price',
		'future_date',
		'null_customer_id',
		'duplicate_row',
		'unknown_product_id',
		'quantity_zero',
		'quantity_negative',
		'quantity_too_large',
		'quantity_spike',
		'malformed_date',
		'malformed_number'
	],
	inventory: [
		'future_date',
		'duplicate_row',
		'unknown_product_id',
		'unknown_store_id',
		'malformed_date',
		'malformed_number'
	],
	shipments: ['future_date', 'duplicate_row', 'orphan_order_id', 'malformed_date']
} as const satisfies Record<string, readonly DefectKind[]>;
export type DefectiveDataset = keyof typeof DATASET_DEFECT_KINDS;
