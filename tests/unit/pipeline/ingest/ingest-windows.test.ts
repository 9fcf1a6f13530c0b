import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bronzeTable } from '../../../../src/lib/pipeline/ingest/ingest-file';
import { MAX_ROW_BYTES } from '../../../../src/lib/pipeline/ingest/row-reader';
import type { RawFileRef } from '../../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { appendInChunks, rejectsOf, rowsAsText } from './ingest-fixtures';

/**
 * A raw file is read a window at a time. Whatever the window size, cutting the file anywhere (inside a
 * quoted field, between a CR and its LF, inside a multi-byte character), the rows and rejects are those
 * of the file read whole.
 */
describe('reading a raw file a window at a time', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql?.close());

	let files = 0;
	function rawFile(dataset: 'stores' | 'web_orders', format: 'csv' | 'ndjson'): RawFileRef {
		const batchId = `w-${++files}`;
		return { path: `raw/${dataset}/${batchId}.${format}`, dataset, batchId, format, size: 0, modified: 0 };
	}

	/** Bronze and rejects of one file, its lineage aside, so files read differently compare. */
	async function readBack(file: RawFileRef) {
		const rows = await rowsAsText(sql, bronzeTable(file.dataset), `_source_file = '${file.path}'`);
		return {
			rows: rows.map(({ _batch_id: _b, _source_file: _s, ...row }) => row),
			rejects: await rejectsOf(sql, file.path)
		};
	}

	const STORES = [
		'\uFEFFstore_id,city,store_name,state,region,format,opened_on',
		'S1,Mumbai,"Andheri, ""West""",Maharashtra,West,Hypermarket,2015-01-24',
		'',
		'S2,Delhi,"Saket',
		'Mall",Delhi,North,Mall,2016-02-29',
		'S3,Pune,"Koregaon" Park,Maharashtra,West,Express,2020-01-01',
		'S4,Chennai,T Nagar,Tamil Nadu,South,Express,2021-03-01,extra',
		'S5,Jaipur,C-Scheme ₹ ünïcode,Rajasthan,North,Express,2019-02-28',
		'S6,Surat,,,,,',
		'S8,Kolkata,"Park Street'
	].join('\r\n');

	it('CSV: the same rows and rejects for every window size', async () => {
		const whole = rawFile('stores', 'csv');
		expect(await appendInChunks(sql, whole, STORES, { rows: 3, bytes: 40 })).toEqual({
			accepted: 4,
			rejected: 3
		});
		const expected = await readBack(whole);
		expect(expected.rows.map((row) => row.store_id)).toEqual(['S1', 'S2', 'S5', 'S6']);
		for (const window of [1, 2, 3, 5, 8, 13, 64, 1000]) {
			const file = rawFile('stores', 'csv');
			await appendInChunks(sql, file, STORES, { rows: 3, bytes: 40, window });
			expect(await readBack(file), `window ${window}`).toEqual(expected);
		}
	});

	const ORDERS = [
		'{"order_id":"O1","order_date":"2024-08-01","product_id":"P1","quantity":1,"unit_price":10.5}',
		'',
		'{"order_id":"O2","order_date":"2024-08-02","product_id":"P2","quantity":2,"unit_price":3,"note":"ünï ₹"}',
		'{bad json',
		'[1,2]',
		'{"order_id":"O3","order_date":"2024-08-03","product_id":"P3","quantity":3,"unit_price":1}'
	].join('\r\n');

	it('NDJSON: the same rows and rejects for every window size', async () => {
		const whole = rawFile('web_orders', 'ndjson');
		await appendInChunks(sql, whole, ORDERS, { rows: 2, bytes: 50 });
		const expected = await readBack(whole);
		expect(expected.rows.map((row) => row.order_id)).toEqual(['O1', 'O2', 'O3']);
		expect(expected.rejects.map(([n]) => n)).toEqual([4, 5]);
		for (const window of [1, 2, 7, 31, 500]) {
			const file = rawFile('web_orders', 'ndjson');
			await appendInChunks(sql, file, ORDERS, { rows: 2, bytes: 50, window });
			expect(await readBack(file), `window ${window}`).toEqual(expected);
		}
	});

	it('a row longer than 1 MB is rejected with its length and its start, and the rows around it are kept', async () => {
		const big = 'x'.repeat(MAX_ROW_BYTES + 10);
		const quoted = `"${'y,\n'.repeat(400_000)}"`;
		const csv = [
			'store_id,city,store_name,state,region,format,opened_on',
			'S1,Mumbai,Andheri,Maharashtra,West,Hypermarket,2015-01-24',
			`S2,Delhi,${big},Delhi,North,Mall,2016-02-29`,
			`S3,Pune,${quoted},Maharashtra,West,Express,2020-01-01`,
			'S4,Chennai,T Nagar,Tamil Nadu,South,Express,2021-03-01',
			`S5,Goa,${big}`
		].join('\n');
		// The records of S2, S3 (whose quoted field holds line feeds) and S5, in bytes.
		const lengths = [2, 3, 5].map(
			(record) => new TextEncoder().encode(csv.split(/\n(?=S\d,)/)[record]).length
		);
		for (const window of [64 << 10, 300 << 10, 4 << 20, 16 << 20]) {
			const file = rawFile('stores', 'csv');
			expect(
				await appendInChunks(sql, file, csv, { rows: 1000, bytes: 16 << 20, window }),
				`window ${window}`
			).toEqual({
				accepted: 2,
				rejected: 3
			});
			const { rows, rejects } = await readBack(file);
			expect(rows.map((row) => [row.store_id, row._row_number])).toEqual([
				['S1', '1'],
				['S4', '4']
			]);
			expect(
				rejects.map(([n, reason, text]) => [n, reason, text.slice(0, 9), text.length < 2100]),
				`window ${window}`
			).toEqual([
				[
					2,
					`the row is longer than 1 MB (${lengths[0].toLocaleString('en-IN')} bytes; a raw row may be 1 MB at most)`,
					'S2,Delhi,',
					true
				],
				[
					3,
					`the row is longer than 1 MB (${lengths[1].toLocaleString('en-IN')} bytes; a raw row may be 1 MB at most)`,
					'S3,Pune,"',
					true
				],
				[
					5,
					`the row is longer than 1 MB (${lengths[2].toLocaleString('en-IN')} bytes; a raw row may be 1 MB at most)`,
					'S5,Goa,xx',
					true
				]
			]);
		}
	});

	it('an NDJSON line longer than 1 MB is rejected with its length, in any window', async () => {
		const long = `{"order_id":"${'z'.repeat(MAX_ROW_BYTES)}"}`;
		const ndjson = [ORDERS.split('\r\n')[0], long, ORDERS.split('\r\n')[5]].join('\n');
		for (const window of [100 << 10, 2 << 20]) {
			const file = rawFile('web_orders', 'ndjson');
			expect(await appendInChunks(sql, file, ndjson, { rows: 10, bytes: 16 << 20, window })).toEqual({
				accepted: 2,
				rejected: 1
			});
			const { rejects } = await readBack(file);
			expect(rejects.map(([n, reason]) => [n, reason])).toEqual([
				[
					2,
					`the row is longer than 1 MB (${long.length.toLocaleString('en-IN')} bytes; a raw row may be 1 MB at most)`
				]
			]);
		}
	});
});
