import { FragmentTable, type RawFileWriter } from './batch-writer';
import type { Catalog, Product } from './catalog';
import { csvField } from './csv';
import { formatDate, SECONDS_PER_DAY } from '../calendar/dates';
import { formatPaise } from './money';
import { CITIES, STORES_PER_CITY, type Store } from './stores';

/**
 * Constant parts of raw rows, encoded once per run so the hot loops only copy bytes: a product's
 * `id,name,category`, a store's `id,city`, city names, dates, and the look-alike ids of
 * unknown-id defects (`P9001` …, `STR-MUM-06` … exist in no master).
 */
export interface RowFragments {
	productCsv: FragmentTable;
	unknownProductCsv: FragmentTable;
	unitCost: FragmentTable;
	storeId: FragmentTable;
	storeCsv: FragmentTable;
	unknownStoreCsv: FragmentTable;
	cityCsv: FragmentTable;
	dates: DateFragments;
}

export function unknownProductId(index: number): string {
	return `P${9001 + index}`;
}

function unknownStoreId(store: Store): string {
	return `STR-${store.city.code}-${String(store.slot + 1 + STORES_PER_CITY).padStart(2, '0')}`;
}

const productCsv = (id: string, p: Product) => `${id},${csvField(p.name)},${csvField(p.category)}`;

export function buildRowFragments(
	catalog: Catalog,
	stores: readonly Store[],
	dates: DateFragments
): RowFragments {
	const table = <T>(items: readonly T[], text: (item: T) => string) => new FragmentTable(items.map(text));
	return {
		productCsv: table(catalog.products, (p) => productCsv(p.id, p)),
		unknownProductCsv: table(catalog.products, (p) => productCsv(unknownProductId(p.index), p)),
		unitCost: table(catalog.products, (p) => formatPaise(p.costPaise)),
		storeId: table(stores, (store) => store.id),
		storeCsv: table(stores, (store) => `${store.id},${csvField(store.city.name)}`),
		unknownStoreCsv: table(stores, (store) => `${unknownStoreId(store)},${csvField(store.city.name)}`),
		cityCsv: table(CITIES, (city) => csvField(city.name)),
		dates
	};
}

/** `YYYY-MM-DD` of the days around the range, precomputed; other days are formatted when asked. */
export class DateFragments {
	readonly #table: FragmentTable;

	constructor(
		private readonly firstDay: number,
		lastDay: number
	) {
		this.#table = new FragmentTable(
			Array.from({ length: lastDay - firstDay + 1 }, (_, i) => formatDate(firstDay + i))
		);
	}

	write(file: RawFileWriter, dayNo: number): void {
		const index = dayNo - this.firstDay;
		if (index >= 0 && index < this.#table.length) this.#table.writeTo(file, index);
		else file.text(formatDate(dayNo));
	}

	/** `YYYY-MM-DD HH:MM:SS` of a second counted from 1970-01-01 00:00:00 local time. */
	writeTimestamp(file: RawFileWriter, epochSecond: number): void {
		const dayNo = Math.floor(epochSecond / SECONDS_PER_DAY);
		this.write(file, dayNo);
		file.char(SPACE);
		file.clock(epochSecond - dayNo * SECONDS_PER_DAY);
	}
}

const SPACE = 32;
