import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { nodeWorkerParquetEncoder } from '../../../../src/lib/parquet/node-parquet-encoder';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../../src/lib/parquet/node-parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from '../../../../src/lib/parquet/parquet-encoder';
import { BronzeBatchEncodings } from '../../../../src/lib/pipeline/run/bronze-batch-encodings';
import { bronzeBatchKey } from '../../../../src/lib/pipeline/run/lake-layout';
import { readManifest } from '../../../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest, RawFileRef } from '../../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { loadParquetTable } from '../../../../src/lib/sql/load-parquet';

const text = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);

/**
 * Each ingested file's Bronze batch is encoded from the rows ingest appends, on the encoder's thread while the
 * run goes on, instead of exported from DuckDB at publish. The published files must hold exactly the engine's
 * Bronze rows, in its types, and load back into a later run.
 */
describe('Bronze batches encoded as they are ingested', () => {
	const store = new MemoryLakeStore();
	const engines: DuckDBWasmEngine[] = [];
	let codec: ParquetCodec;
	let sql: DuckDBWasmEngine;
	let manifest: LakeManifest;
	const exported: string[] = [];

	async function engine(): Promise<DuckDBWasmEngine> {
		const opened = await openDuckDBWasmNode();
		engines.push(opened);
		const streams = opened.queryArrowStreams.bind(opened);
		opened.queryArrowStreams = (query, rows) => {
			exported.push(query);
			return streams(query, rows);
		};
		return opened;
	}

	beforeAll(async () => {
		codec = await openNodeParquetCodec();
		await generateRaw({ seed: 3, salesLines: 3_000, from: '2024-01-01', to: '2024-03-31' }, store);
		// A stores file with a column the contract does not name: its rows change the table's columns.
		await store.write(
			'raw/stores/with-manager.csv',
			text([
				'store_id,store_name,city,state,region,format,opened_on,manager',
				'STR-NEW-01,Retail Hub Express New,Nagpur,Maharashtra,West,Express,2024-01-05,Asha'
			])
		);
		// A stores file without a required column: rejected whole.
		await store.write('raw/stores/no-id.csv', text(['store_name,city', 'Nowhere,Nagpur']));
		sql = await engine();
		const log = await runPipeline({ sql, store, codec, encoder: () => nodeWorkerParquetEncoder(codec) }, {});
		// The file without an id is the warning.
		expect(log.status).toBe('succeeded_with_warnings');
		expect(log.ingestion.find((file) => file.path === 'raw/stores/no-id.csv')?.status).toBe('rejected');
		manifest = (await readManifest(store))!;
	}, 120_000);
	afterAll(async () => {
		await Promise.all(engines.map((opened) => opened.close()));
	});

	const batches = () =>
		Object.entries(manifest.tables).filter(
			([key]) => key.startsWith('bronze/') && !key.startsWith('bronze/_rejects/')
		);

	it('publishes every batch with exactly the engine’s Bronze rows, in the same types', async () => {
		expect(
			batches()
				.map(([key]) => key.split('/')[1])
				.sort()
		).toEqual([
			'customers',
			'inventory',
			'pos_sales',
			'products',
			'shipments',
			'stores',
			'stores',
			'web_orders'
		]);
		for (const [key, file] of batches()) {
			const dataset = key.split('/')[1];
			const { rows } = await sql.query(
				`SELECT DISTINCT _source_file AS f FROM bronze_${dataset} WHERE _batch_id = '${key.split('/')[2]}'`
			);
			expect(rows).toHaveLength(1);
			await loadParquetTable(sql, codec, 'published', await store.read(file.path));
			const columns = async (from: string) =>
				(await sql.query(`DESCRIBE ${from}`)).rows.map((r) => ({
					name: String(r.column_name),
					type: String(r.column_type)
				}));
			const all = `(SELECT * FROM bronze_${dataset} WHERE _source_file = '${rows[0].f}')`;
			const own = await columns('published');
			// A column a later file added (another batch's extra) is the table's, NULL on this batch's rows.
			const table = await columns(all);
			const added = table.filter((c) => !own.some((o) => o.name === c.name));
			expect(own).toEqual(table.filter((c) => !added.includes(c)));
			for (const { name } of added) {
				const set = await sql.query(`SELECT count(${name})::INTEGER AS n FROM ${all}`);
				expect(set.rows[0].n).toBe(0);
			}
			const engineRows = `(SELECT ${own.map((c) => `"${c.name}"`).join(', ')} FROM ${all})`;
			const differ = await sql.query(
				`SELECT count(*)::INTEGER AS n FROM (
					(SELECT * FROM published EXCEPT ALL SELECT * FROM ${engineRows})
					UNION ALL (SELECT * FROM ${engineRows} EXCEPT ALL SELECT * FROM published))`
			);
			expect(differ.rows[0].n, key).toBe(0);
			const counted = await sql.query(`SELECT count(*)::INTEGER AS n FROM published`);
			expect(counted.rows[0].n).toBe(file.rows);
		}
	});

	it('exports from the engine only the batch whose rows changed the table’s columns, and the rejects', () => {
		const bronzeExports = exported.filter((query) => /FROM "bronze_(?!rejects)/.test(query));
		expect(bronzeExports).toEqual([
			`SELECT * FROM "bronze_stores" WHERE _source_file = 'raw/stores/with-manager.csv'`
		]);
	});

	it('loads the batches back into a later run on a fresh engine', async () => {
		await store.write(
			'raw/stores/later.csv',
			text([
				'store_id,store_name,city,state,region,format,opened_on',
				'STR-NEW-02,Retail Hub Express Later,Nagpur,Maharashtra,West,Express,2024-02-01'
			])
		);
		const fresh = await engine();
		const log = await runPipeline(
			{ sql: fresh, store, codec, encoder: () => nodeWorkerParquetEncoder(codec) },
			{}
		);
		expect(log.status).toBe('succeeded_with_warnings');
		const next = (await readManifest(store))!;
		for (const [key, file] of batches()) expect(next.tables[key]).toEqual(file);
		const stores = (await fresh.query(`SELECT count(*)::INTEGER AS n FROM bronze_stores`)).rows[0].n;
		const generated =
			manifest.tables[batches().find(([key]) => key.startsWith('bronze/stores/gen'))![0]].rows;
		expect(stores).toBe(generated + 2);
		expect(next.tables['gold/fact_sales'].rows).toBe(manifest.tables['gold/fact_sales'].rows);
	}, 120_000);
});

describe('BronzeBatchEncodings', () => {
	let sql: DuckDBWasmEngine;
	let codec: ParquetCodec;
	const file = (batchId: string) => ({ dataset: 'pos_sales', batchId }) as RawFileRef;
	const chunk = (from: number) =>
		sql.queryArrowIPC(`SELECT i::INTEGER AS i FROM range(${from}, ${from + 1000}) t(i)`);

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		codec = await openNodeParquetCodec();
	});
	afterAll(() => sql?.close());

	for (const [name, open] of [
		['inline', () => inlineParquetEncoder(codec)],
		['on a worker', () => nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 1 })]
	] as [string, () => ParquetEncoder][]) {
		it(`encodes a batch's chunks as one file, and gives none for a batch abandoned (${name})`, async () => {
			const encoder = open();
			try {
				const batches = new BronzeBatchEncodings(encoder);
				const whole = batches.open(file('whole'));
				for (const from of [0, 1000, 2000]) await whole.add(await chunk(from));
				whole.end();
				const dropped = batches.open(file('dropped'));
				await dropped.add(await chunk(0));
				dropped.abandon();
				const encoding = await batches.encoding(bronzeBatchKey('pos_sales', 'whole'));
				await loadParquetTable(sql, codec, 'decoded', await encoding!.parquet);
				const { rows } = await sql.query(
					`SELECT count(*)::INTEGER AS n, sum(i)::BIGINT AS s, min(i) AS lo, max(i) AS hi FROM decoded`
				);
				// 0 … 2,999 once each: Σ = 2,999 · 3,000 / 2.
				expect(rows).toEqual([{ n: 3000, s: 4_498_500, lo: 0, hi: 2999 }]);
				expect(await batches.encoding(bronzeBatchKey('pos_sales', 'dropped'))).toBeNull();
				expect(await batches.encoding(bronzeBatchKey('pos_sales', 'never opened'))).toBeNull();
				// A batch whose ingest neither ended nor abandoned it (a step that ignores its sink) is exported.
				const unended = batches.open(file('unended'));
				await unended.add(await chunk(0));
				expect(await batches.encoding(bronzeBatchKey('pos_sales', 'unended'))).toBeNull();
			} finally {
				encoder.close();
			}
		});
	}

	it('lets ingest go on when the encoder stops mid-batch', async () => {
		const encoder = nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 1 });
		const batches = new BronzeBatchEncodings(encoder);
		const sink = batches.open(file('cut'));
		await sink.add(await chunk(0));
		encoder.close();
		// Neither add waits for an encoder that is gone.
		await sink.add(await chunk(1000));
		await sink.add(await chunk(2000));
		sink.end();
		expect(await batches.encoding(bronzeBatchKey('pos_sales', 'cut'))).toBeNull();
	});
});
