import { Float64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { bronzeTable, ingestFile } from '../../../../src/lib/pipeline/ingest/ingest-file';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import {
	appendInChunks,
	columnTypes,
	FRESH,
	landAndIngest,
	lineage,
	rejectsOf,
	rowsAsText
} from './ingest-fixtures';

const NDJSON_PATH = 'raw/web_orders/b-web-1.ndjson';
const NDJSON_LINES = [
	'{"order_id":"W1","order_date":"2024-06-01 08:00:00","product_id":"P1","quantity":2,"unit_price":10.5,"customer_id":null,"total_amount":21.00,"gift_wrap":true}',
	'{"order_id":"W2","order_date":"2024-06-01 09:00:00","product_id":"P2","quantity":"3 pcs","unit_price":5}',
	'{"order_id":"W3","order_date":"2024-06-01","product_id":"P3","quantity":1,"unit_price":"₹1,299.00"}',
	'{"order_id":"W4","order_date":"2024-06-02 10:00:00","product_id":"P4","quantity":1,"unit_price":1e3}',
	'{"order_id":"W5", "order_date": "2024-06-02 11:00:00", broken',
	'',
	'["not", "an", "object"]',
	'{ "order_id" : "W6", "order_date":"2024-06-03 12:00:00","product_id":"P\\u00e9","quantity":-1,"unit_price":0.99,"customer_name":"Zo\\u00eb \\"Z\\" Ray","address":{"city":"Pune"}}',
	'{"order_id":"W7","order_date":"2024-06-03 12:00:00","product_id":"P7","unit_price":1}'
];

const ARRAY_PATH = 'raw/web_orders/b-web-2.json';
const ARRAY_ITEMS = [
	'{"order_id":"A1","order_date":"2024-07-01 10:00:00","product_id":"P1","quantity":1,"unit_price":2.5,"channel":"app"}',
	'{"order_id":"A2","order_date":"2024-07-01 10:00:00","product_id":"P1","quantity":1.5,"unit_price":2.5}',
	'{"order_id": "A3", broken}',
	'42'
];

/** Web order columns that the fixtures leave out, NULL in Bronze. */
const ABSENT = {
	customer_id: null,
	customer_name: null,
	customer_city: null,
	product_name: null,
	category: null,
	total_amount: null,
	payment_method: null,
	delivery_address: null
};

describe('NDJSON, JSON-array and Parquet raw files into Bronze', () => {
	let sql: DuckDBWasmEngine;
	const store = new MemoryLakeStore();
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql?.close());

	it('takes one object a line, keeps numbers as written and extra keys as text, and rejects bad lines', async () => {
		const result = await landAndIngest(sql, store, NDJSON_PATH, `${NDJSON_LINES.join('\n')}\n`);
		expect(result).toMatchObject({ status: 'ingested', rows_raw: 8, rows_bronze: 2, rows_rejected: 6 });
		expect(await rowsAsText(sql, bronzeTable('web_orders'))).toEqual([
			{
				...ABSENT,
				order_id: 'W1',
				order_date: '2024-06-01 08:00:00',
				product_id: 'P1',
				quantity: '2',
				unit_price: '10.50',
				total_amount: '21.00',
				gift_wrap: 'true',
				address: null,
				...lineage('b-web-1', NDJSON_PATH, 1)
			},
			{
				...ABSENT,
				order_id: 'W6',
				order_date: '2024-06-03 12:00:00',
				product_id: 'Pé',
				quantity: '-1',
				unit_price: '0.99',
				customer_name: 'Zoë "Z" Ray',
				gift_wrap: null,
				address: '{"city":"Pune"}',
				...lineage('b-web-1', NDJSON_PATH, 8)
			}
		]);
		expect(await rejectsOf(sql, NDJSON_PATH)).toEqual([
			[2, 'quantity: "3 pcs" is not an integer', NDJSON_LINES[1]],
			[3, 'unit_price: "₹1,299.00" is not a decimal(12,2)', NDJSON_LINES[2]],
			[4, 'unit_price: "1e3" is not a decimal(12,2)', NDJSON_LINES[3]],
			[5, 'invalid JSON', NDJSON_LINES[4]],
			[7, 'not a JSON object', NDJSON_LINES[6]],
			[9, 'quantity: required value is missing', NDJSON_LINES[8]]
		]);
	});

	it('appends a JSON array as a new batch; a new key becomes a column, NULL for earlier rows', async () => {
		const result = await landAndIngest(sql, store, ARRAY_PATH, `[\n  ${ARRAY_ITEMS.join(',\n  ')}\n]\n`);
		expect(result).toMatchObject({ status: 'ingested', rows_raw: 4, rows_bronze: 1, rows_rejected: 3 });
		const types = await columnTypes(sql, bronzeTable('web_orders'));
		expect(types.slice(13)).toEqual([
			'gift_wrap VARCHAR',
			'address VARCHAR',
			'channel VARCHAR',
			'_batch_id VARCHAR',
			'_source_file VARCHAR',
			'_row_number BIGINT',
			'_ingested_at TIMESTAMP'
		]);
		const rows = await rowsAsText(sql, bronzeTable('web_orders'));
		expect(rows.map((row) => [row.order_id, row.channel, row._batch_id])).toEqual([
			['W1', null, 'b-web-1'],
			['W6', null, 'b-web-1'],
			['A1', 'app', 'b-web-2']
		]);
		expect(rows[2]).toMatchObject({
			quantity: '1',
			unit_price: '2.50',
			...lineage('b-web-2', ARRAY_PATH, 1)
		});
		expect(await rejectsOf(sql, ARRAY_PATH)).toEqual([
			[2, 'quantity: "1.5" is not an integer', ARRAY_ITEMS[1]],
			[3, 'invalid JSON', ARRAY_ITEMS[2]],
			[4, 'not a JSON object', ARRAY_ITEMS[3]]
		]);
	});

	it('gives the same rows when a file arrives in many small chunks, a new key showing up late', async () => {
		const file = {
			path: 'raw/web_orders/b-chunks.ndjson',
			dataset: 'web_orders',
			batchId: 'b-chunks',
			format: 'ndjson',
			size: 0,
			modified: 0
		} as const;
		const line = (n: number, extra = '') =>
			`{"order_id":"C${n}","order_date":"2024-09-0${n} 10:00:00","product_id":"P${n}","quantity":${n},"unit_price":1.25${extra}}`;
		const text = [line(1), line(2), '{bad', line(3), line(4, ',"promo":"late"'), line(5)].join('\n');
		expect(await appendInChunks(sql, file, text, { rows: 2, bytes: 1 << 20 })).toEqual({
			accepted: 5,
			rejected: 1
		});
		const rows = await rowsAsText(sql, bronzeTable('web_orders'), `_batch_id = 'b-chunks'`);
		expect(rows.map((row) => [row.order_id, row.quantity, row.promo, row._row_number])).toEqual([
			['C1', '1', null, '1'],
			['C2', '2', null, '2'],
			['C3', '3', null, '4'],
			['C4', '4', 'late', '5'],
			['C5', '5', null, '6']
		]);
		expect(await rejectsOf(sql, file.path)).toEqual([[3, 'invalid JSON', '{bad']]);
	});

	it('retries a read that fails twice, then ingests', async () => {
		const path = 'raw/web_orders/b-flaky.ndjson';
		await store.write(path, new TextEncoder().encode(NDJSON_LINES[0]));
		let failures = 0;
		const flaky = Object.create(store, {
			blob: {
				value: async (at: string) => {
					if (failures++ < 2) throw new Error('EIO: storage busy');
					return store.blob(at);
				}
			}
		}) as MemoryLakeStore;
		const file = {
			path,
			dataset: 'web_orders',
			batchId: 'b-flaky',
			format: 'ndjson',
			size: 0,
			modified: 0
		} as const;
		expect(await ingestFile(sql, flaky, file, FRESH)).toMatchObject({ status: 'ingested', rows_bronze: 1 });
		// Opening it failed twice and then worked; hashing it opened it once more.
		expect(failures).toBe(4);
	});

	it('rejects whole a JSON file without a required key, or that is not one JSON array', async () => {
		const noPrice = '{"order_id":"X1","order_date":"2024-08-01","product_id":"P1","quantity":1}\n'.repeat(2);
		expect(await landAndIngest(sql, store, 'raw/web_orders/b-x1.ndjson', noPrice)).toMatchObject({
			status: 'rejected',
			message: 'Missing required column "unit_price".',
			rows_raw: 2
		});
		expect(await landAndIngest(sql, store, 'raw/web_orders/b-x2.json', '{"order_id":"X1"}')).toMatchObject({
			status: 'rejected',
			message: 'A .json raw file must hold one JSON array of objects.'
		});
		expect(await landAndIngest(sql, store, 'raw/web_orders/b-x3.json', '[{"order_id":"X1"},')).toMatchObject({
			status: 'rejected',
			message: 'The JSON array is not closed.'
		});
		const { rows } = await sql.query(
			`SELECT count(*)::INTEGER AS n FROM bronze_web_orders WHERE _batch_id LIKE 'b-x%'`
		);
		expect(rows).toEqual([{ n: 0 }]);
	});

	it('reads Parquet through the decoder it is given, with the same checks; without one, rejects the file', async () => {
		const arrow = new Table({
			product_id: vectorFromArray(['P1', 'P2'], new Utf8()),
			product_name: vectorFromArray(['Pen', 'Ink'], new Utf8()),
			category: vectorFromArray(['Stationery', 'Stationery'], new Utf8()),
			list_price: vectorFromArray([12.5, 3], new Float64()),
			unit_cost: vectorFromArray(['9.10', 'N/A'], new Utf8())
		});
		const path = 'raw/products/b-master.parquet';
		const fakeParquet = new Uint8Array([0x50, 0x41, 0x52, 0x31]);
		const decodeParquet = (bytes: Uint8Array) => {
			expect(bytes).toEqual(fakeParquet);
			return tableToIPC(arrow, 'stream');
		};
		const result = await landAndIngest(sql, store, path, fakeParquet, { ...FRESH, decodeParquet });
		expect(result).toMatchObject({ status: 'ingested', rows_raw: 2, rows_bronze: 1, rows_rejected: 1 });
		expect(await rowsAsText(sql, bronzeTable('products'))).toEqual([
			{
				product_id: 'P1',
				product_name: 'Pen',
				category: 'Stationery',
				list_price: '12.50',
				unit_cost: '9.10',
				...lineage('b-master', path, 1)
			}
		]);
		expect(await rejectsOf(sql, path)).toEqual([
			[
				2,
				'unit_cost: "N/A" is not a decimal(12,2)',
				'{"product_id":"P2","product_name":"Ink","category":"Stationery","list_price":"3.0","unit_cost":"N/A"}'
			]
		]);

		expect(await landAndIngest(sql, store, 'raw/products/b-other.parquet', fakeParquet)).toMatchObject({
			status: 'rejected',
			message: 'Parquet raw files cannot be read here (no Parquet decoder).'
		});
	});
});
