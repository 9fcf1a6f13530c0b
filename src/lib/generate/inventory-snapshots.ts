import type { RawFileWriter } from './batch-writer';
import { csvField } from './csv';
import { isoWeekday } from '../calendar/dates';
import type { DefectInjector } from './defects';
import type { RetailWorld } from './retail-world';

/** Snapshot cadences tried, in weeks, most frequent first. */
const CADENCE_WEEKS = [1, 2, 4, 13];
/** Inventory rows are kept to at most this share of the sales lines where a cadence allows it. */
const MAX_ROWS_PER_SALES_LINE = 0.2;

/**
 * How often stock is snapshotted: at the close of every Nth Sunday counted back from the range's last
 * Sunday (so there is always at least one snapshot), N the most frequent of 1, 2, 4 or 13 weeks that keeps inventory rows (stocked store × product pairs × snapshots) within 20 % of the
 * sales lines; 13 weeks when none does. Each store stocks only part of the range (the hypermarkets
 * everything), which is what keeps the pairs few. At 1M lines over three years that is every 4 weeks.
 */
export function snapshotCadenceWeeks(salesLines: number, dayCount: number, stockedPairs: number): number {
	const sundays = Math.floor(dayCount / 7);
	const fitting = CADENCE_WEEKS.find(
		(weeks) => stockedPairs * Math.floor(sundays / weeks) <= MAX_ROWS_PER_SALES_LINE * salesLines
	);
	return fitting ?? CADENCE_WEEKS[CADENCE_WEEKS.length - 1];
}

/** Writes periodic stock snapshots of every open store × stocked product. */
export class InventorySnapshots {
	readonly cadenceWeeks: number;
	/** The range's last Sunday: snapshots fall a whole number of cadences before it. */
	readonly #lastSunday: number;
	snapshots = 0;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter,
		private readonly defects: DefectInjector
	) {
		const pairs = world.stores.reduce((sum, store) => sum + store.carried.length, 0);
		this.cadenceWeeks = snapshotCadenceWeeks(world.config.salesLines, world.toDay - world.fromDay + 1, pairs);
		this.#lastSunday = world.toDay - ((isoWeekday(world.toDay) + 1) % 7);
	}

	/** Call at the close of every day; writes a snapshot on the cadence's Sundays. */
	endDay(dayNo: number): void {
		const daysBefore = this.#lastSunday - dayNo;
		if (daysBefore < 0 || daysBefore % (7 * this.cadenceWeeks) !== 0) return;
		this.snapshots++;
		const { stores, inventory, fragments, catalog } = this.world;
		const { file, defects } = this;
		for (const store of stores) {
			if (store.openedDay > dayNo) continue;
			for (const product of store.carried) {
				const slot = store.index * catalog.products.length + product;
				const defect = defects.next();
				file.beginRow();
				if (defect === 'future_date') file.text(defects.futureDate());
				else if (defect === 'malformed_date') file.text(csvField(defects.malformedDate(dayNo)));
				else fragments.dates.write(file, dayNo);
				file.char(COMMA);
				(defect === 'unknown_store_id' ? fragments.unknownStoreCsv : fragments.storeCsv).writeTo(
					file,
					store.index
				);
				file.char(COMMA);
				(defect === 'unknown_product_id' ? fragments.unknownProductCsv : fragments.productCsv).writeTo(
					file,
					product
				);
				file.char(COMMA);
				if (defect === 'malformed_number')
					file.text(csvField(defects.malformedQuantity(inventory.onHand[slot])));
				else file.int(inventory.onHand[slot]);
				file.char(COMMA);
				file.int(inventory.reorderLevelOn(store.index, product, dayNo));
				file.char(COMMA);
				fragments.unitCost.writeTo(file, product);
				file.endRow();
				if (defect === 'duplicate_row') file.resendLater();
			}
		}
		file.writeResent();
	}
}

const COMMA = 44;
