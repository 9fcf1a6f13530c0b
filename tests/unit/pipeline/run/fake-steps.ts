import { createHash } from 'node:crypto';
import type { LakeStore } from '../../../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { dropPipelineTables } from '../../../../src/lib/pipeline/run/engine-bronze';
import type { PipelineSteps } from '../../../../src/lib/pipeline/run/pipeline-steps';
import type { PipelineDeps } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { QualityReport, RawDataset } from '../../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';

/**
 * Tiny stand-ins for the pipeline's steps, enough to exercise the orchestration: one dataset (`products`,
 * CSV `product_id,list_price`), a price that is not a number is a Bronze reject, a negative price goes to
 * the Silver quarantine, Gold is one dimension and an empty orphans table, the figures count its rows.
 */
export const fakeSteps: PipelineSteps = {
	async listRawFiles(store) {
		return (await store.list('raw'))
			.filter((entry) => entry.path.endsWith('.csv'))
			.map(({ path, size, modified }) => {
				const [, dataset, name] = path.split('/');
				return {
					path,
					dataset: dataset as RawDataset,
					batchId: name.slice(0, -4),
					format: 'csv',
					size,
					modified
				};
			});
	},

	async ingestFile(sql, store, file, ctx) {
		const bytes = await store.read(file.path);
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		const base = { path: file.path, dataset: file.dataset, batch_id: file.batchId, sha256, duration_ms: 1 };
		await sql.exec(`
			CREATE TABLE IF NOT EXISTS bronze_products (product_id VARCHAR, list_price DECIMAL(12,2),
				_batch_id VARCHAR, _source_file VARCHAR, _row_number BIGINT, _ingested_at TIMESTAMP);
			CREATE TABLE IF NOT EXISTS bronze_rejects (dataset VARCHAR, _batch_id VARCHAR, _source_file VARCHAR,
				_row_number BIGINT, reason VARCHAR, raw_text VARCHAR, _ingested_at TIMESTAMP)`);
		const lines = new TextDecoder().decode(bytes).trim().split('\n').slice(1);
		const lineage = (row: number) => `'${file.batchId}', '${file.path}', ${row}`;
		let rejected = 0;
		for (const [i, line] of lines.entries()) {
			const [id, price] = line.split(',');
			if (/^-?\d+(\.\d+)?$/.test(price)) {
				await sql.exec(
					`INSERT INTO bronze_products VALUES ('${id}', ${price}, ${lineage(i + 1)}, TIMESTAMP '${ctx.ingestedAt}')`
				);
			} else {
				rejected++;
				await sql.exec(
					`INSERT INTO bronze_rejects VALUES ('${file.dataset}', ${lineage(i + 1)}, 'list_price: not a number',
					 '${line}', TIMESTAMP '${ctx.ingestedAt}')`
				);
			}
		}
		return {
			...base,
			rows_raw: lines.length,
			rows_bronze: lines.length - rejected,
			rows_rejected: rejected,
			status: 'ingested'
		};
	},

	async buildSilver(sql) {
		await sql.exec(`
			CREATE OR REPLACE TABLE silver_products AS
				SELECT product_id, list_price FROM bronze_products WHERE list_price >= 0 ORDER BY product_id;
			CREATE OR REPLACE TABLE silver_quarantine AS
				SELECT 'products' AS dataset, 1 AS check_id, _source_file, _row_number
				FROM bronze_products WHERE list_price < 0 ORDER BY _source_file, _row_number`);
		const silver = await count(sql, 'silver_products');
		const quarantined = await count(sql, 'silver_quarantine');
		return {
			datasets: [
				{
					dataset: 'products',
					bronze_rows: silver + quarantined,
					silver_rows: silver,
					quarantined: { 1: quarantined },
					duplicates: 0,
					unknown_customers_filled: 0,
					spikes_flagged: 0
				}
			],
			tables: { products: silver, quarantine: quarantined },
			net_amount: '0.00'
		};
	},

	async buildGold(sql) {
		await sql.exec(`
			CREATE OR REPLACE TABLE gold_dim_product AS
				SELECT row_number() OVER (ORDER BY product_id) AS product_sk, * FROM silver_products ORDER BY product_sk;
			CREATE OR REPLACE TABLE gold_orphans AS SELECT * FROM silver_products WHERE false`);
		return {
			tables: { dim_product: await count(sql, 'gold_dim_product') },
			orphan_sales: 0,
			orphan_shipments: 0,
			net_amount: '0.00',
			orphan_net_amount: '0.00'
		};
	},

	async buildQualityReport(_sql, { runId, generatedAt, ingestion }) {
		const rows = ingestion.reduce((total, file) => total + file.rows_raw, 0);
		return fakeReport(runId, generatedAt, rows);
	},

	/** Stands in for the Overview's figures: the products Gold holds, so each version's differ. */
	async buildFigures(sql) {
		const products = await count(sql, 'gold_dim_product');
		return { overview: { products } } as unknown as Awaited<ReturnType<PipelineSteps['buildFigures']>>;
	}
};

function fakeReport(runId: string, generatedAt: string, rawRows: number): QualityReport {
	return {
		run_id: runId,
		generated_at: generatedAt,
		summary: {
			total_checks: 1,
			passed: 1,
			handled: 0,
			needs_attention: 0,
			rows_incoming: rawRows,
			rows_clean: rawRows,
			rows_held_back: 0,
			held_back: { rejected: 0, quarantined: 0, duplicates: 0, orphans: 0 },
			rows_fixed: 0,
			fixed: { filled: 0, flagged: 0 },
			quality_score: 100
		},
		datasets_checked: ['products'],
		check_results: [],
		completeness: [],
		reconciliation: {
			rows: [],
			sales: {
				silver_rows: rawRows,
				gold_rows: 0,
				orphan_rows: 0,
				silver_amount: '0',
				gold_amount: '0',
				orphan_amount: '0',
				balanced: true
			}
		}
	};
}

async function count(sql: SqlEngine, table: string): Promise<number> {
	return Number((await sql.query(`SELECT count(*)::INTEGER AS n FROM ${table}`)).rows[0].n);
}

export { openNodeParquetCodec as openCodec } from '../../../../src/lib/parquet/node-parquet-codec';

export function csv(...rows: string[]): Uint8Array {
	return new TextEncoder().encode(`product_id,list_price\n${rows.join('\n')}\n`);
}

export async function snapshot(store: LakeStore): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>();
	for (const { path } of await store.list()) files.set(path, await store.read(path));
	return files;
}

export async function storeFrom(files: Map<string, Uint8Array>): Promise<MemoryLakeStore> {
	const store = new MemoryLakeStore();
	for (const [path, data] of files) await store.write(path, data);
	return store;
}

export async function readJson<T>(store: LakeStore, path: string): Promise<T> {
	return JSON.parse(new TextDecoder().decode(await store.read(path))) as T;
}

/** A fixed clock, so Bronze's `_ingested_at` (and so its Parquet bytes) are the same run after run. */
export function clock(iso = '2025-03-01T10:00:00Z'): () => Date {
	return () => new Date(iso);
}

/**
 * The fake steps, with 200,000 more Bronze rows for b1 (made by SQL), so that its outputs span several of the
 * engine's Arrow streams.
 */
export const fakeStepsWithManyRows: PipelineSteps = {
	...fakeSteps,
	async ingestFile(sql, store, file, ctx) {
		const result = await fakeSteps.ingestFile(sql, store, file, ctx);
		if (file.batchId !== 'b1') return result;
		await sql.exec(`INSERT INTO bronze_products
			SELECT 'm' || range, (range % 5000) / 100, 'b1', '${file.path}', 10 + range, TIMESTAMP '${ctx.ingestedAt}'
			FROM range(200000)`);
		return { ...result, rows_raw: result.rows_raw + 200_000, rows_bronze: result.rows_bronze + 200_000 };
	}
};

/** A fresh memory lake with two raw files of products (three rows rejected or quarantined), on `sql` cleared. */
export async function twoFileLake(sql: SqlEngine, codec: ParquetCodec): Promise<PipelineDeps> {
	await dropPipelineTables(sql);
	const store = new MemoryLakeStore();
	await store.write('raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00', 'p3,abc'));
	await store.write('raw/products/b2.csv', csv('p4,7.50', 'p5,x'));
	return { sql, store, codec, now: clock() };
}
