import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../src/lib/import/import-preview';
import { headerSignature, type SavedMappings } from '../../../src/lib/import/saved-mappings';

// Every date has a day ≤ 12: the rows alone read as DD/MM and MM/DD alike.
const TILL = `Bill,When,Shop,Item,Qty,Rate
B1,03/04/2024 10:00,S1,P1,2,10.50
B2,05/06/2024 11:30,S1,P2,1,99.00
`;
const SAVED: SavedMappings = {
	[headerSignature(['Bill', 'When', 'Shop', 'Item', 'Qty', 'Rate'])]: {
		savedAt: '2025-02-03T10:00:00.000Z',
		mapping: {
			dataset: 'pos_sales',
			columns: {
				invoice_no: 'Bill',
				invoice_date: 'When',
				store_id: 'Shop',
				product_id: 'Item',
				quantity: 'Qty',
				unit_price: 'Rate'
			},
			dateOrder: 'dmy',
			decimalComma: false
		}
	}
};

/**
 * Finding: a file previewed with its saved mapping (dates DD/MM) showed the Dates choice as "Choose…",
 * outlined as missing, because the panel showed the detected order (none: the dates are ambiguous) rather
 * than the one the import would use. The preview now says which order it uses.
 */
describe('saved date order shown unchosen', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'saved-date-order-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('the preview uses, and says it uses, the saved date order; none while it must be chosen', async () => {
		const file = join(dir, 'till.csv');
		await writeFile(file, TILL);
		const source = { name: 'till.csv', blob: await openAsBlob(file) };

		const reused = await previewImport(source, {}, undefined, SAVED);
		expect(reused.detectedDateOrder).toBeNull();
		expect(reused.dateOrder).toBe('dmy');
		expect(reused.needs).toEqual([]);

		const mapped = { dataset: 'pos_sales' as const, columns: SAVED[Object.keys(SAVED)[0]].mapping.columns };
		const undecided = await previewImport(source, { ...mapped, ignoreSaved: true }, undefined, SAVED);
		expect(undecided.dateOrder).toBeNull();
		expect(undecided.needs.join(' ')).toMatch(/DD\/MM\/YYYY and as MM\/DD\/YYYY alike/);

		const chosen = await previewImport(source, { ...mapped, dateOrder: 'mdy' }, undefined, SAVED);
		expect(chosen.dateOrder).toBe('mdy');
	});
});
