import type { RawFileWriter } from './batch-writer';
import type { Catalog } from './catalog';
import { csvLine } from './csv';
import { formatDate } from '../calendar/dates';
import { formatPaise } from './money';
import type { Store } from './stores';

/** The master files are small and clean: the dimensions that quality checks compare against. */
export function writeProducts(file: RawFileWriter, catalog: Catalog): void {
	for (const p of catalog.products) {
		writeLine(file, [p.id, p.name, p.category, formatPaise(p.listPaise), formatPaise(p.costPaise)]);
	}
}

export function writeStores(file: RawFileWriter, stores: readonly Store[]): void {
	for (const store of stores) {
		const { city } = store;
		writeLine(file, [
			store.id,
			store.name,
			city.name,
			city.state,
			city.region,
			store.format,
			formatDate(store.openedDay)
		]);
	}
}

function writeLine(file: RawFileWriter, fields: readonly string[]): void {
	file.beginRow();
	file.text(csvLine(fields));
	file.endRow();
}
