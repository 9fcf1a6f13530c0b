import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { RAW_CONTRACTS, RAW_DATASETS } from '../../../src/lib/contracts/raw-contracts';
import { DelimitedParser } from '../../../src/lib/import/delimited-parser';
import { detectDatasets } from '../../../src/lib/import/detect-dataset';
import { importFile } from '../../../src/lib/import/import-file';
import { previewImport } from '../../../src/lib/import/import-preview';
import { ImportError, type ImportSource } from '../../../src/lib/import/import-source';
import { JsonArraySplitter, NdjsonSplitter } from '../../../src/lib/import/json-records';
import { convertValue, detectDateOrder, plainNumber } from '../../../src/lib/import/value-text';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';

const file = (name: string, content: string | Uint8Array): ImportSource => ({
	name,
	blob: new Blob([
		typeof content === 'string' ? new TextEncoder().encode(content) : (content as Uint8Array<ArrayBuffer>)
	])
});

/** Feeds `text` cut at `at`, and returns every piece's records. */
function cutAt<T>(push: (text: string, final: boolean) => T[], text: string, at: number): T[] {
	return [...push(text.slice(0, at), false), ...push(text.slice(at), true)];
}

describe('delimited records', () => {
	const text = 'a;b;c\r\n"x;1";"say ""hi""";3\r\n\r\n"multi\nline";;\n4;5;6';
	it('parses quotes, escaped quotes, line breaks in quotes, CRLF and blank lines', () => {
		const parser = new DelimitedParser(';');
		expect(parser.push(text, true).map((record) => record.fields)).toEqual([
			['a', 'b', 'c'],
			['x;1', 'say "hi"', '3'],
			['multi\nline', '', ''],
			['4', '5', '6']
		]);
	});
	it('gives the same records wherever the text is cut', () => {
		const whole = new DelimitedParser(';').push(text, true);
		for (let at = 0; at <= text.length; at++) {
			const parser = new DelimitedParser(';');
			expect(
				cutAt((t, f) => parser.push(t, f), text, at),
				`cut at ${at}`
			).toEqual(whole);
		}
	});
	it('rejects a row over 1 MB with its length, without holding it', () => {
		const parser = new DelimitedParser(',');
		const records = parser.push(`a,b\n1,"${'x'.repeat(1_100_000)}"\n2,3\n`, true);
		expect(records.map((record) => record.problem ?? record.fields.join(','))).toEqual([
			'a,b',
			expect.stringMatching(/^the row is longer than 1 MB \(11,00,00[0-9] characters/),
			'2,3'
		]);
	});
});

describe('JSON records', () => {
	const array = '[\n  {"a": "x]", "b": {"c": [1, 2]}},\n  {"a": "q\\"}"},\n  3\n]\n';
	it('cuts an array into its items wherever the text is cut', () => {
		const whole = new JsonArraySplitter().push(array, true);
		expect(whole.map((record) => record.text)).toEqual([
			'{"a": "x]", "b": {"c": [1, 2]}}',
			'{"a": "q\\"}"}',
			'3'
		]);
		for (let at = 0; at <= array.length; at++) {
			const splitter = new JsonArraySplitter();
			expect(
				cutAt((t, f) => splitter.push(t, f), array, at),
				`cut at ${at}`
			).toEqual(whole);
		}
	});
	it('says when an array is cut short', () => {
		const splitter = new JsonArraySplitter();
		splitter.push('[{"a": 1}, {"a": 2', true);
		expect(splitter.fileProblem).toBe('it ends inside the array (after item 2): the file is cut short');
	});
	it('numbers NDJSON rows by line, skipping blank lines', () => {
		const splitter = new NdjsonSplitter();
		expect(cutAt((t, f) => splitter.push(t, f), '{"a":1}\n\n{"a":2}\r\n{"a":3}', 9)).toEqual([
			{ row: 1, text: '{"a":1}' },
			{ row: 3, text: '{"a":2}' },
			{ row: 4, text: '{"a":3}' }
		]);
	});
});

describe('dataset detection from columns', () => {
	it.each(RAW_DATASETS)(
		'finds %s with its header shuffled, upper-cased, spaced and with extra columns',
		(dataset) => {
			const header = RAW_CONTRACTS[dataset]
				.map((column) => column.name.toUpperCase().replaceAll('_', ' '))
				.reverse()
				.concat(['Notes', 'Loyalty Tier']);
			expect(detectDatasets(header)[0]?.dataset).toBe(dataset);
		}
	);
	it('finds nothing for an unknown header (it goes to mapping)', () => {
		expect(detectDatasets(['Invoice', 'StockCode', 'Quantity', 'InvoiceDate', 'Price'])).toEqual([]);
	});
});

describe('values', () => {
	const iso = { dateOrder: 'ymd', decimalComma: false } as const;
	it('converts dates in the chosen order, with times and AM/PM', () => {
		expect(convertValue('TIMESTAMP', '05/03/2024 7:05 PM', { ...iso, dateOrder: 'dmy' }).text).toBe(
			'2024-03-05 19:05:00'
		);
		expect(convertValue('TIMESTAMP', '05/03/2024 7:05 PM', { ...iso, dateOrder: 'mdy' }).text).toBe(
			'2024-05-03 19:05:00'
		);
		expect(convertValue('TIMESTAMP', '2024-03-05T10:11:12Z', iso).text).toBe('2024-03-05 10:11:12');
		expect(convertValue('DATE', '31.12.24', { ...iso, dateOrder: 'dmy' }).text).toBe('2024-12-31');
		expect(convertValue('DATE', '31/02/2024', { ...iso, dateOrder: 'dmy' })).toEqual({
			text: '31/02/2024',
			problem: 'is not a date (DD/MM/YYYY)'
		});
	});
	it('asks for the date order when every value reads both ways', () => {
		expect(detectDateOrder(['01/02/2024', '03/04/2024'])).toEqual({
			order: null,
			ambiguous: true,
			conflicting: false
		});
		expect(detectDateOrder(['01/02/2024', '13/04/2024']).order).toBe('dmy');
		expect(detectDateOrder(['01/02/2024', '04/13/2024']).order).toBe('mdy');
		expect(detectDateOrder(['2024-01-02']).order).toBe('ymd');
		expect(detectDateOrder(['13/01/2024', '01/13/2024']).conflicting).toBe(true);
	});
	it('reads currency symbols, thousands separators, decimal commas and accounting negatives', () => {
		expect(plainNumber('₹1,23,456.50', false)).toBe('123456.50');
		expect(plainNumber('$ 1,234', false)).toBe('1234');
		expect(plainNumber('1.234,5', true)).toBe('1234.5');
		expect(plainNumber('1 234,50 €', true)).toBe('1234.50');
		expect(plainNumber('(12.00)', false)).toBe('-12.00');
		expect(plainNumber('12 pcs', false)).toBeNull();
		expect(convertValue('INTEGER', '3.0', iso).text).toBe('3');
		expect(convertValue('INTEGER', '3.5', iso).problem).toBe('is not an integer');
	});
});

describe('preview and import', () => {
	const semicolon =
		'Invoice No;Invoice Date;Store ID;Product ID;Quantity;Unit Price\n' +
		'A1;25/12/2024 10:00;S1;P1;2;1.234,50\n' +
		'A2;26/12/2024 11:30;S1;P2;x;99,00\n' +
		'A3;27/12/2024;S2;P1;1\n';

	it('previews a semicolon file with DD/MM dates and decimal commas: mapping, rows, rejects; writes nothing', async () => {
		const preview = await previewImport(file('sales export.csv', semicolon));
		expect(preview.format).toEqual({ kind: 'delimited', delimiter: ';' });
		expect(preview.mapping).toMatchObject({ dataset: 'pos_sales', dateOrder: 'dmy', decimalComma: true });
		expect(preview.mapping!.columns).toMatchObject({ invoice_no: 'Invoice No', unit_price: 'Unit Price' });
		expect(preview.needs).toEqual([]);
		expect(preview.sample[0].values).toMatchObject({
			invoice_date: '2024-12-25 10:00:00',
			unit_price: '1234.50',
			quantity: '2'
		});
		expect(preview.problems).toEqual([
			{ row: 2, reason: 'quantity: "x" is not an integer' },
			{ row: 3, reason: 'expected 6 fields, found 5', text: 'A3;27/12/2024;S2;P1;1' }
		]);
	});

	it('asks, instead of guessing, when the dates read as DD/MM and MM/DD alike', async () => {
		const ambiguous =
			'order_id,order_date,product_id,quantity,unit_price\nW1,01/02/2024,P1,1,10\nW2,03/04/2024,P1,1,10\n';
		const preview = await previewImport(file('orders.csv', ambiguous));
		expect(preview.dateAmbiguous).toBe(true);
		expect(preview.needs).toEqual([
			'orders.csv: its dates (e.g. 01/02/2024) read as DD/MM/YYYY and as MM/DD/YYYY alike: choose which.'
		]);
		const chosen = await previewImport(file('orders.csv', ambiguous), { dateOrder: 'mdy' });
		expect(chosen.needs).toEqual([]);
		expect(chosen.sample[1].values.order_date).toBe('2024-03-04');
	});

	it('imports a gzipped NDJSON file, TSV and Parquet the same way', async () => {
		const rows = [
			{ order_id: 'W1', order_date: '2024-01-02 10:00:00', product_id: 'P1', quantity: 2, unit_price: 10.5 },
			{ order_id: 'W2', order_date: '2024-01-03 11:00:00', product_id: 'P2', quantity: 1, unit_price: 99 }
		];
		const ndjson = gzipSync(rows.map((row) => JSON.stringify(row)).join('\n'));
		const tsv = `order_id\torder_date\tproduct_id\tquantity\tunit_price\n${rows.map((r) => Object.values(r).join('\t')).join('\n')}\n`;
		const parquet = new Uint8Array(
			parquetWriteBuffer({
				columnData: [
					{ name: 'order_id', data: rows.map((r) => r.order_id) },
					{ name: 'order_date', data: rows.map((r) => r.order_date) },
					{ name: 'product_id', data: rows.map((r) => r.product_id) },
					{ name: 'quantity', data: rows.map((r) => r.quantity), type: 'INT32' },
					{ name: 'unit_price', data: rows.map((r) => r.unit_price), type: 'DOUBLE' }
				]
			})
		);
		const written: string[] = [];
		for (const source of [file('a.ndjson.gz', ndjson), file('b.tsv', tsv), file('c.parquet', parquet)]) {
			const store = new MemoryLakeStore();
			const preview = await previewImport(source);
			expect(preview.mapping?.dataset, source.name).toBe('web_orders');
			const result = await importFile(store, source, preview.mapping!);
			expect(result).toMatchObject({ status: 'imported', rows_read: 2, rows_written: 2, rows_rejected: 0 });
			written.push(new TextDecoder().decode(await store.read(result.path!)));
		}
		expect(written[0]).toBe(
			'{"order_id":"W1","order_date":"2024-01-02 10:00:00","product_id":"P1","quantity":"2","unit_price":"10.5"}\n' +
				'{"order_id":"W2","order_date":"2024-01-03 11:00:00","product_id":"P2","quantity":"1","unit_price":"99"}\n'
		);
		expect(written[1]).toBe(written[0]);
		expect(written[2]).toBe(written[0]);
	});

	it('accounts for every row: written, or kept with its reason when it cannot be read', async () => {
		const store = new MemoryLakeStore();
		const source = file('sales.csv', semicolon);
		const preview = await previewImport(source);
		const result = await importFile(store, source, preview.mapping!);
		expect(result).toMatchObject({ rows_read: 3, rows_written: 2, rows_flagged: 1, rows_rejected: 1 });
		expect(result.rows_read).toBe(result.rows_written + result.rows_rejected);
		const rejects = new TextDecoder().decode(await store.read(result.rejects_path!));
		expect(JSON.parse(rejects)).toEqual({
			row: 3,
			reason: 'expected 6 fields, found 5',
			text: 'A3;27/12/2024;S2;P1;1'
		});
	});

	it('adds a second file of the same name as a new batch, and skips the same data again', async () => {
		const store = new MemoryLakeStore();
		const first = file('sales.csv', semicolon);
		const mapping = (await previewImport(first)).mapping!;
		expect((await importFile(store, first, mapping)).path).toBe('raw/pos_sales/sales.ndjson');
		const changed = file('sales.csv', semicolon.replace('A1;', 'A9;'));
		expect((await importFile(store, changed, mapping)).path).toBe('raw/pos_sales/sales-2.ndjson');
		const again = await importFile(store, file('copy.csv', semicolon), mapping);
		expect(again).toMatchObject({ status: 'duplicate', path: 'raw/pos_sales/sales.ndjson' });
		expect((await store.list('raw/pos_sales')).map((entry) => entry.path)).toEqual([
			'raw/pos_sales/sales-2.ndjson',
			'raw/pos_sales/sales.ndjson'
		]);
	});

	it('refuses an empty or binary file with a message naming it', async () => {
		await expect(previewImport(file('empty.csv', ''))).rejects.toThrow(
			new ImportError('empty.csv is empty (0 bytes): there is nothing to import.')
		);
		await expect(previewImport(file('blank.csv', ' \n\n'))).rejects.toThrow(
			'blank.csv is empty: there is nothing to import.'
		);
		await expect(
			previewImport(file('photo.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])))
		).rejects.toThrow('photo.csv is not a text file (byte 5 is a NUL byte)');
	});

	it('reads Latin-1 text as such', async () => {
		const latin1 = new Uint8Array([
			...new TextEncoder().encode('product_id,product_name,category,list_price,unit_cost\nP1,Caf'),
			0xe9,
			...new TextEncoder().encode(',Food,10,5\n')
		]);
		const preview = await previewImport(file('products.csv', latin1));
		expect(preview.encoding).toBe('windows-1252');
		expect(preview.sample[0].values.product_name).toBe('Café');
	});
});
