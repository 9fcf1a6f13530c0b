import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { SNIFF_BYTES } from '../../../../src/lib/pipeline/ingest/text-sniff';
import { bronzeTable } from '../../../../src/lib/pipeline/ingest/ingest-file';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import {
	appendInChunks,
	columnTypes,
	landAndIngest,
	lineage,
	rejectsOf,
	rowsAsText
} from './ingest-fixtures';

const POS_PATH = 'raw/pos_sales/b-pos.csv';
const POS_HEADER =
	'invoice_no,invoice_date,store_id,store_city,customer_id,product_id,product_name,category,quantity,unit_price,total_amount,payment_method,coupon';
// One row per line of the file (after the header), CRLF-separated, behind a UTF-8 BOM.
const POS_LINES = [
	'INV-1,2024-05-01 10:15:30,STR-MUM-01,Mumbai,CUST-1,P0001,"Pasta, Penne 500g",Groceries,2,89.50,179.00,UPI,SAVE10',
	'INV-1,2024-05-01,STR-MUM-01,Mumbai,,P0002,"Olive ""Extra"" Oil",Groceries,1,499,499,Card,',
	'INV-2,2024-05-02 09:00:00.123456,STR-DEL-01,Delhi,CUST-2,P0003,"Gift Box\r\nLarge",Gifts,-3,-0.05,0.15,Cash,',
	'INV-3,31/12/2024 10:00:00,STR-DEL-01,Delhi,CUST-3,P0004,Soap,Beauty,1,20.00,20.00,UPI,',
	'INV-3,2024-13-05 10:00:00,STR-DEL-01,Delhi,CUST-3,P0005,Comb,Beauty,1,20.00,20.00,UPI,',
	'INV-4,N/A,STR-DEL-01,Delhi,CUST-4,P0006,Pen,Stationery,1,10.00,10.00,UPI,',
	'INV-4,2024-05-03 11:00:00,STR-DEL-01,Delhi,CUST-4,P0007,Ink,Stationery,3 pcs,10.00,30.00,UPI,',
	'INV-4,2024-05-03 11:00:00,STR-DEL-01,Delhi,CUST-4,P0008,Nib,Stationery,two,10.00,20.00,UPI,',
	'INV-5,2024-05-03 12:00:00,STR-DEL-01,Delhi,CUST-5,P0009,Kettle,Home,1,"₹1,299.00",1299.00,UPI,',
	'INV-5,2024-05-03 12:00:00,STR-DEL-01,Delhi,CUST-5,P0010,Cup,Home,1,12.345,12.35,UPI,',
	',2024-05-04 12:00:00,STR-DEL-01,Delhi,CUST-6,P0011,Tea,Groceries,1,5.00,5.00,UPI,',
	'INV-7,2024-05-32 10:00:00,STR-DEL-01,Delhi,CUST-7,P0012,Rice,Groceries,1e3,5.00,5.00,UPI,',
	'INV-8,2024-05-05 13:00:00,STR-MUM-01,Mumbai,CUST-8,P00'
];
const POS_CSV = `\uFEFF${POS_HEADER}\r\n${POS_LINES.join('\r\n')}`;

const STORES_PATH = 'raw/stores/b-stores.csv';
/** `S7,` then two bytes that are not UTF-8, then `,`. */
const INVALID_UTF8 = new Uint8Array([0x53, 0x37, 0x2c, 0xff, 0xfe, 0x2c]);

describe('CSV raw files into Bronze', () => {
	let sql: DuckDBWasmEngine;
	const store = new MemoryLakeStore();
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql?.close());

	it('types every valid row and rejects each defect with its reason and original text', async () => {
		const result = await landAndIngest(sql, store, POS_PATH, POS_CSV);
		expect(result).toMatchObject({
			path: POS_PATH,
			dataset: 'pos_sales',
			batch_id: 'b-pos',
			status: 'ingested',
			rows_raw: 13,
			rows_bronze: 3,
			rows_rejected: 10
		});
		expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);

		expect(await columnTypes(sql, bronzeTable('pos_sales'))).toEqual([
			'invoice_no VARCHAR',
			'invoice_date TIMESTAMP',
			'store_id VARCHAR',
			'product_id VARCHAR',
			'quantity INTEGER',
			'unit_price DECIMAL(12,2)',
			'store_city VARCHAR',
			'customer_id VARCHAR',
			'product_name VARCHAR',
			'category VARCHAR',
			'total_amount DECIMAL(14,2)',
			'payment_method VARCHAR',
			'line_type VARCHAR',
			'coupon VARCHAR',
			'_batch_id VARCHAR',
			'_source_file VARCHAR',
			'_row_number BIGINT',
			'_ingested_at TIMESTAMP'
		]);
		const row = (values: Record<string, string | null>, rowNumber: number) => ({
			...values,
			...lineage('b-pos', POS_PATH, rowNumber)
		});
		expect(await rowsAsText(sql, bronzeTable('pos_sales'))).toEqual([
			row(
				{
					invoice_no: 'INV-1',
					invoice_date: '2024-05-01 10:15:30',
					store_id: 'STR-MUM-01',
					product_id: 'P0001',
					quantity: '2',
					unit_price: '89.50',
					store_city: 'Mumbai',
					customer_id: 'CUST-1',
					product_name: 'Pasta, Penne 500g',
					category: 'Groceries',
					total_amount: '179.00',
					payment_method: 'UPI',
					line_type: null,
					coupon: 'SAVE10'
				},
				1
			),
			row(
				{
					invoice_no: 'INV-1',
					invoice_date: '2024-05-01 00:00:00',
					store_id: 'STR-MUM-01',
					product_id: 'P0002',
					quantity: '1',
					unit_price: '499.00',
					store_city: 'Mumbai',
					customer_id: null,
					product_name: 'Olive "Extra" Oil',
					category: 'Groceries',
					total_amount: '499.00',
					payment_method: 'Card',
					line_type: null,
					coupon: null
				},
				2
			),
			row(
				{
					invoice_no: 'INV-2',
					invoice_date: '2024-05-02 09:00:00.123456',
					store_id: 'STR-DEL-01',
					product_id: 'P0003',
					quantity: '-3',
					unit_price: '-0.05',
					store_city: 'Delhi',
					customer_id: 'CUST-2',
					product_name: 'Gift Box\r\nLarge',
					category: 'Gifts',
					total_amount: '0.15',
					payment_method: 'Cash',
					line_type: null,
					coupon: null
				},
				3
			)
		]);

		expect(await rejectsOf(sql, POS_PATH)).toEqual([
			[4, 'invoice_date: "31/12/2024 10:00:00" is not a timestamp (YYYY-MM-DD HH:MM:SS)', POS_LINES[3]],
			[5, 'invoice_date: "2024-13-05 10:00:00" is not a timestamp (YYYY-MM-DD HH:MM:SS)', POS_LINES[4]],
			[6, 'invoice_date: "N/A" is not a timestamp (YYYY-MM-DD HH:MM:SS)', POS_LINES[5]],
			[7, 'quantity: "3 pcs" is not an integer', POS_LINES[6]],
			[8, 'quantity: "two" is not an integer', POS_LINES[7]],
			[9, 'unit_price: "₹1,299.00" is not a decimal(12,2)', POS_LINES[8]],
			[10, 'unit_price: "12.345" is not a decimal(12,2)', POS_LINES[9]],
			[11, 'invoice_no: required value is missing', POS_LINES[10]],
			[
				12,
				'invoice_date: "2024-05-32 10:00:00" is not a timestamp (YYYY-MM-DD HH:MM:SS); quantity: "1e3" is not an integer',
				POS_LINES[11]
			],
			[13, 'expected 13 fields, found 6', POS_LINES[12]]
		]);
		const { rows } = await sql.query(
			`SELECT DISTINCT dataset, _batch_id, CAST(_ingested_at AS VARCHAR) AS at FROM bronze_rejects`
		);
		expect(rows).toEqual([{ dataset: 'pos_sales', _batch_id: 'b-pos', at: '2026-01-02 03:04:05' }]);
	});

	it('handles blank lines, quoting errors, wrong field counts and bytes that are not UTF-8, row by row', async () => {
		const lines = [
			'store_id,city,store_name,state,region,format,opened_on',
			'S1,Mumbai,Andheri,Maharashtra,West,Hypermarket,2015-01-24',
			'',
			'S2,Delhi,"Saket ""Mall""",Delhi,North,Mall,2016-02-29',
			'S3,Pune,"Koregaon" Park,Maharashtra,West,Express,2020-01-01',
			'S4,Chennai,T Nagar,Tamil Nadu,South,Express,2021-03-01,extra',
			'S5,Jaipur,C-Scheme,Rajasthan,North,Express,2019-02-29',
			'S6,Surat,,,,,',
			'S8,Kolkata,"Park Street'
		];
		// A row that is not UTF-8, after 64 KB of good rows (within them, the file is rejected whole).
		const padding = Array.from(
			{ length: 1400 },
			(_, i) => `P${i},Pune,Pad ${i},Maharashtra,West,Express,2020-01-01`
		);
		const encoder = new TextEncoder();
		const head = encoder.encode(`${[...lines.slice(0, 8), ...padding].join('\n')}\n`);
		const tail = encoder.encode(`x,y,z,w,2020-01-01\n${lines[8]}`);
		const bytes = new Uint8Array([...head, ...INVALID_UTF8, ...tail]);
		expect(head.length).toBeGreaterThan(SNIFF_BYTES);

		const result = await landAndIngest(sql, store, STORES_PATH, bytes);
		expect(result).toMatchObject({ status: 'ingested', rows_raw: 1408, rows_bronze: 1403, rows_rejected: 5 });
		const stored = await rowsAsText(sql, bronzeTable('stores'), `store_id NOT LIKE 'P%'`);
		expect(
			stored.map(({ store_id, store_name, opened_on, _row_number }) => [
				store_id,
				store_name,
				opened_on,
				_row_number
			])
		).toEqual([
			['S1', 'Andheri', '2015-01-24', '1'],
			['S2', 'Saket "Mall"', '2016-02-29', '2'],
			['S6', null, null, '6']
		]);
		expect(await rejectsOf(sql, STORES_PATH)).toEqual([
			[3, 'text follows a closing quote', lines[4]],
			[4, 'expected 7 fields, found 8', lines[5]],
			[5, 'opened_on: "2019-02-29" is not a date (YYYY-MM-DD)', lines[6]],
			[1407, 'the row is not valid UTF-8', 'S7,\uFFFD\uFFFD,x,y,z,w,2020-01-01'],
			[1408, 'a quoted field is not closed', lines[8]]
		]);
	});

	it('keeps extreme values exact: microseconds far from 1970, the INTEGER range, the largest decimals', async () => {
		const shipments = [
			'shipment_id,order_id,ship_date,status,carrier,delivery_date,promised_date',
			'SH1,O1,9999-12-31 23:59:59.999999,delivered,X,0001-01-01 00:00:00,0000-03-01',
			'SH2,O2,1969-12-31 23:59:59.5,shipped,Y,,1970-01-01'
		].join('\n');
		await landAndIngest(sql, store, 'raw/shipments/b-edge.csv', shipments);
		const shipped = await rowsAsText(sql, bronzeTable('shipments'));
		expect(shipped.map((row) => [row.ship_date, row.delivery_date, row.promised_date])).toEqual([
			['9999-12-31 23:59:59.999999', '0001-01-01 00:00:00', '0001-03-01 (BC)'],
			['1969-12-31 23:59:59.5', null, '1970-01-01']
		]);
		const inventory = [
			'snapshot_date,store_id,product_id,quantity_on_hand,reorder_level,unit_cost',
			'2024-02-29,S,P,-2147483648,2147483647,-9999999999.99',
			'1900-03-01,S,P,0,-0,9999999999.9'
		].join('\n');
		await landAndIngest(sql, store, 'raw/inventory/b-edge.csv', inventory);
		const stock = await rowsAsText(sql, bronzeTable('inventory'));
		expect(
			stock.map((row) => [row.snapshot_date, row.quantity_on_hand, row.reorder_level, row.unit_cost])
		).toEqual([
			['2024-02-29', '-2147483648', '2147483647', '-9999999999.99'],
			['1900-03-01', '0', '0', '9999999999.90']
		]);
	});

	it('gives the same rows when a file arrives in chunks of a few bytes', async () => {
		const file = {
			path: 'raw/products/b-chunks.csv',
			dataset: 'products',
			batchId: 'b-chunks',
			format: 'csv',
			size: 0,
			modified: 0
		} as const;
		const csv =
			'product_id,product_name,category,list_price,unit_cost\r\nP1,"Pen, blue",Stationery,10,5\r\nP2,Ink,Stationery,x,5\r\nP3,Nib,Stationery,3.5,1.25\r\n';
		expect(await appendInChunks(sql, file, csv, { rows: 100, bytes: 8 })).toEqual({
			accepted: 2,
			rejected: 1
		});
		const rows = await rowsAsText(sql, bronzeTable('products'), `_batch_id = 'b-chunks'`);
		expect(rows.map((row) => [row.product_id, row.product_name, row.list_price, row._row_number])).toEqual([
			['P1', 'Pen, blue', '10.00', '1'],
			['P3', 'Nib', '3.50', '3']
		]);
		expect(await rejectsOf(sql, file.path)).toEqual([
			[2, 'list_price: "x" is not a decimal(12,2)', 'P2,Ink,Stationery,x,5']
		]);
	});

	it('rejects a file missing a required column whole, naming it, and keeps nothing of it', async () => {
		const before = await sql.query(`SELECT count(*)::INTEGER AS n FROM bronze_rejects`);
		const csv =
			'invoice_no,invoice_date,store_id,product_id,quantity\nINV-9,2024-05-01 10:00:00,S,P,1\nINV-9,bad,S,P,1\n';
		const result = await landAndIngest(sql, store, 'raw/pos_sales/b-no-price.csv', csv);
		expect(result).toMatchObject({
			status: 'rejected',
			message: 'Missing required column "unit_price".',
			rows_raw: 2,
			rows_bronze: 0,
			rows_rejected: 0
		});
		const { rows } = await sql.query(
			`SELECT (SELECT count(*) FROM bronze_pos_sales WHERE _batch_id = 'b-no-price')::INTEGER AS bronze,
			        (SELECT count(*) FROM bronze_rejects)::INTEGER AS rejects`
		);
		expect(rows).toEqual([{ bronze: 0, rejects: before.rows[0].n }]);
	});

	it('rejects an empty file, a file that is not UTF-8 text, and a header with a duplicate column as unreadable', async () => {
		expect(await landAndIngest(sql, store, 'raw/stores/b-empty.csv', '\uFEFF')).toMatchObject({
			status: 'rejected',
			message: 'The file is empty.',
			rows_raw: 0
		});
		const latin1 = new Uint8Array([
			...new TextEncoder().encode('store_id,city\nS1,'),
			0x4e,
			0xee,
			0x6d,
			0x65,
			0x73,
			0x0a
		]);
		expect(await landAndIngest(sql, store, 'raw/stores/b-latin1.csv', latin1)).toMatchObject({
			status: 'rejected',
			message: expect.stringMatching(/^The file is not UTF-8 text/),
			rows_raw: 0
		});
		expect(
			await landAndIngest(sql, store, 'raw/stores/b-dup.csv', 'store_id,City,city\nS1,A,B\n')
		).toMatchObject({
			status: 'rejected',
			message: 'The file has the column "city" twice.'
		});
	});

	it('creates the Bronze table of a file whose rows are all rejected', async () => {
		const result = await landAndIngest(
			sql,
			store,
			'raw/products/b-bad.csv',
			'product_id,product_name,category,list_price,unit_cost\nP1,Pen,Stationery,N/A,1.00\n'
		);
		expect(result).toMatchObject({ status: 'ingested', rows_raw: 1, rows_bronze: 0, rows_rejected: 1 });
		expect(await columnTypes(sql, bronzeTable('products'))).toEqual([
			'product_id VARCHAR',
			'product_name VARCHAR',
			'category VARCHAR',
			'list_price DECIMAL(12,2)',
			'unit_cost DECIMAL(12,2)',
			'_batch_id VARCHAR',
			'_source_file VARCHAR',
			'_row_number BIGINT',
			'_ingested_at TIMESTAMP'
		]);
	});
});
