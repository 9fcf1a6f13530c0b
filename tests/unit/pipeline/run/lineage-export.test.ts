import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DataType, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../../src/lib/parquet/node-parquet-codec';
import { arrowExportQuery } from '../../../../src/lib/pipeline/run/arrow-export-query';
import { readManifest } from '../../../../src/lib/pipeline/run/manifest';
import type { LakeManifest } from '../../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { openNativeConnection } from '../../helpers/native-duckdb';
import { publishGeneratedLake } from '../../helpers/published-lake';

describe('the lineage texts exported as dictionary keys', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await sql.exec(`CREATE TABLE lines AS
			SELECT range AS id, 'web' AS channel, 'b-' || (range % 3) AS _batch_id,
				CASE WHEN range < 5 THEN 'raw/web''s.ndjson' ELSE 'raw/pos.csv' END AS _source_file,
				CAST(NULL AS VARCHAR) AS note
			FROM range(10)`);
		await sql.exec(`CREATE TABLE unknown_lineage AS SELECT 1 AS id, CAST(NULL AS VARCHAR) AS _batch_id`);
	});
	afterAll(() => sql?.close());

	async function exported(table: string, from = table) {
		const query = await arrowExportQuery(sql, table, from);
		const streams: Uint8Array[] = [];
		for await (const stream of sql.queryArrowStreams(query)) streams.push(stream);
		expect(streams).toHaveLength(1);
		const arrow = tableFromIPC(streams[0]);
		const types = Object.fromEntries(
			arrow.schema.fields.map((field) => [field.name, DataType.isDictionary(field.type) ? 'keys' : 'values'])
		);
		return { types, rows: arrow.toArray().map((row) => row.toJSON()), query };
	}

	it('casts only the lineage texts, and the rows are the table’s', async () => {
		const { types, rows } = await exported('lines');
		expect(types).toEqual({
			id: 'values',
			channel: 'values',
			_batch_id: 'keys',
			_source_file: 'keys',
			note: 'values'
		});
		const plain = (await sql.query('SELECT * FROM lines')).rows;
		expect(rows.map((row) => ({ ...row, id: Number(row.id) }))).toEqual(plain);
	});

	it('takes the values of the rows selected; a column of NULLs goes as it is', async () => {
		const { query } = await exported('lines', `lines WHERE _source_file = 'raw/pos.csv' AND id < 7`);
		// Rows 5 and 6: batches b-2 and b-0, one file.
		expect(query).toContain(`CAST("_batch_id" AS ENUM('b-0', 'b-2'))`);
		expect(query).toContain(`CAST("_source_file" AS ENUM('raw/pos.csv'))`);
		expect((await exported('unknown_lineage')).types).toEqual({ id: 'values', _batch_id: 'values' });
	});
});

describe('a published lake’s lineage', () => {
	const store = new MemoryLakeStore();
	let native: DuckDBConnection & { closeSync(): void };
	let dir: string;
	let manifest: LakeManifest;
	beforeAll(async () => {
		const codec: ParquetCodec = await openNodeParquetCodec();
		await publishGeneratedLake(store, codec, 11);
		manifest = (await readManifest(store))!;
		native = await openNativeConnection();
		dir = await mkdtemp(join(tmpdir(), 'lineage-'));
	}, 120_000);
	afterAll(async () => {
		native?.closeSync();
		if (dir) await rm(dir, { recursive: true });
	});

	/** The published file of `key`, read by native DuckDB: each lineage pair, its type and rows. */
	async function lineageOf(key: string) {
		const file = join(dir, `${key.replaceAll('/', '_')}.parquet`);
		await writeFile(file, await store.read(manifest.tables[key].path));
		const reader = await native.runAndReadAll(
			`SELECT _batch_id, _source_file, typeof(_batch_id) || ' ' || typeof(_source_file) AS types,
				count(*)::INTEGER AS n
			 FROM '${file}' GROUP BY ALL ORDER BY _source_file`
		);
		return reader.getRowObjectsJson();
	}

	it('is held in the Parquet files as text, the same as the raw files it came from', async () => {
		const raw = (await store.list('raw/')).map((entry) => entry.path);
		const pos = raw.find((path) => path.startsWith('raw/pos_sales/'))!;
		const web = raw.find((path) => path.startsWith('raw/web_orders/'))!;
		// The generator names a batch gen-s<seed>-<from>-<to> and each of its files after it.
		const batch = 'gen-s11-2024-01-01-2024-03-31';
		expect(pos).toBe(`raw/pos_sales/${batch}.csv`);
		const bronzeKey = Object.keys(manifest.tables).find((key) => key.startsWith('bronze/pos_sales/'))!;
		expect(await lineageOf(bronzeKey)).toEqual([
			{ _batch_id: batch, _source_file: pos, types: 'VARCHAR VARCHAR', n: manifest.tables[bronzeKey].rows }
		]);
		const lines = await lineageOf('silver/sales_lines');
		expect(lines.map(({ _batch_id, _source_file, types }) => ({ _batch_id, _source_file, types }))).toEqual([
			{ _batch_id: batch, _source_file: pos, types: 'VARCHAR VARCHAR' },
			{ _batch_id: batch, _source_file: web, types: 'VARCHAR VARCHAR' }
		]);
		expect(lines.reduce((sum, { n }) => sum + Number(n), 0)).toBe(manifest.tables['silver/sales_lines'].rows);
	});
});
