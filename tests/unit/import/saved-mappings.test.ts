import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { previewImport } from '../../../src/lib/import/import-preview';
import {
	headerSignature,
	readSavedMappings,
	saveMapping,
	savedMappingFor,
	SAVED_MAPPINGS_PATH
} from '../../../src/lib/import/saved-mappings';
import type { ImportMapping } from '../../../src/lib/import/mapping';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';

// A till export the contracts do not know: its dates (all days ≤ 12) read as DD/MM and MM/DD alike.
const TILL = `Bill,When,Shop,Item,Qty,Rate
B1,03/04/2024 10:00,S1,P1,2,10.50
B2,05/06/2024 11:30,S1,P2,1,99.00
`;
const MAPPING: ImportMapping = {
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
};

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'saved-mappings-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('headerSignature', () => {
	it('is blind to case, spacing, punctuation and column order', () => {
		expect(headerSignature(['Customer ID', 'Invoice No.', 'qty'])).toBe(
			headerSignature(['QTY', 'invoice_no', 'customer id'])
		);
		expect(headerSignature(['Customer ID', 'Invoice No.', 'qty'])).toBe('customer_id|invoice_no|qty');
	});

	it('tells apart headers with another column', () => {
		expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['a', 'b', 'c']));
	});
});

describe('saved mappings in the lake', () => {
	it('saves under the header’s signature and reads it back; none saved is an empty set', async () => {
		const store = new NodeLakeStore(dir);
		expect(await readSavedMappings(store)).toEqual({});
		await saveMapping(
			store,
			['Bill', 'When', 'Shop', 'Item', 'Qty', 'Rate'],
			MAPPING,
			new Date('2025-02-03T10:00:00Z')
		);
		const file = JSON.parse(await readFile(join(dir, SAVED_MAPPINGS_PATH), 'utf8'));
		expect(Object.keys(file.mappings)).toEqual(['bill|item|qty|rate|shop|when']);
		const saved = await readSavedMappings(store);
		expect(saved['bill|item|qty|rate|shop|when']).toEqual({
			savedAt: '2025-02-03T10:00:00.000Z',
			mapping: MAPPING
		});
	});

	it('reuses it for a header spelt otherwise, its source columns spelt as the new file spells them', async () => {
		const store = new NodeLakeStore(dir);
		await saveMapping(store, ['Bill', 'When', 'Shop', 'Item', 'Qty', 'Rate'], MAPPING);
		const saved = await readSavedMappings(store);
		const found = savedMappingFor(saved, ['RATE', 'qty', 'item', 'shop', 'when', 'BILL']);
		expect(found?.mapping.columns).toEqual({
			invoice_no: 'BILL',
			invoice_date: 'when',
			store_id: 'shop',
			product_id: 'item',
			quantity: 'qty',
			unit_price: 'RATE'
		});
		expect(savedMappingFor(saved, ['Bill', 'When', 'Shop', 'Item', 'Qty'])).toBeNull();
	});

	it('a damaged file counts as no saved mapping', async () => {
		const store = new NodeLakeStore(dir);
		await store.write(SAVED_MAPPINGS_PATH, new TextEncoder().encode('{ not json'));
		expect(await readSavedMappings(store)).toEqual({});
	});

	it('the preview uses the saved mapping (dates included), unless told to leave it aside', async () => {
		const file = join(dir, 'till.csv');
		await writeFile(file, TILL);
		const source = { name: 'till.csv', blob: await openAsBlob(file) };
		const unsaved = await previewImport(source);
		expect(unsaved.mapping).toBeNull();

		const store = new NodeLakeStore(join(dir, 'lake'));
		await saveMapping(
			store,
			['Bill', 'When', 'Shop', 'Item', 'Qty', 'Rate'],
			MAPPING,
			new Date('2025-02-03T10:00:00Z')
		);
		const saved = await readSavedMappings(store);
		const reused = await previewImport(source, {}, undefined, saved);
		expect(reused.origin).toEqual({ kind: 'saved', savedAt: '2025-02-03T10:00:00.000Z' });
		expect(reused.needs).toEqual([]);
		expect(reused.saveMapping).toBe(false);
		// 03/04/2024 read as DD/MM, as saved: 3 April.
		expect(reused.sample[0].values.invoice_date).toBe('2024-04-03 10:00:00');

		const aside = await previewImport(source, { ignoreSaved: true }, undefined, saved);
		expect(aside.mapping).toBeNull();
		expect(aside.needs.length).toBeGreaterThan(0);

		const changed = await previewImport(source, { dateOrder: 'mdy' }, undefined, saved);
		expect(changed.origin).toEqual({ kind: 'chosen' });
		expect(changed.saveMapping).toBe(true);
		expect(changed.sample[0].values.invoice_date).toBe('2024-03-04 10:00:00');
	});
});

describe('cli import with saved mappings', () => {
	async function cli(...args: string[]) {
		const out: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: () => {} });
		return { code, out: out.join('\n') };
	}

	it('saves the mapping decided on the command line and reuses it for the next file with the same header', async () => {
		const lake = join(dir, 'lake');
		const first = join(dir, 'till-march.csv');
		const second = join(dir, 'till-april.csv');
		await writeFile(first, TILL);
		// The same columns in another order and case, and other rows.
		await writeFile(second, 'rate,qty,item,shop,when,bill\n5.00,3,P3,S2,07/08/2024 09:15,B3\n');
		const map = [
			'invoice_no=Bill',
			'invoice_date=When',
			'store_id=Shop',
			'product_id=Item',
			'quantity=Qty',
			'unit_price=Rate'
		];
		const decided = await cli(
			'import',
			'--lake',
			lake,
			'--dataset',
			'pos_sales',
			...map.flatMap((m) => ['--map', m]),
			'--date-format',
			'dmy',
			first
		);
		expect(decided.code, decided.out).toBe(0);
		expect(decided.out).toContain('mapping saved for the next file with this header');

		const reused = await cli('import', '--lake', lake, second);
		expect(reused.code, reused.out).toBe(0);
		expect(reused.out).toMatch(/till-april\.csv → pos_sales \(using the mapping saved on \d+ \w+ \d{4}, /);
		const rows = (await readFile(join(lake, 'raw/pos_sales/till-april.ndjson'), 'utf8')).trim().split('\n');
		// 07/08/2024 as DD/MM (the saved choice): 7 August.
		expect(JSON.parse(rows[0])).toMatchObject({
			invoice_no: 'B3',
			invoice_date: '2024-08-07 09:15:00',
			quantity: '3',
			unit_price: '5.00'
		});

		const aside = await cli('import', '--lake', lake, '--ignore-saved-mapping', '--replace', second);
		expect(aside.code).toBe(3);
		expect(aside.out).toContain("no dataset's required columns are all there");
	});
});
