import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoldTables, withGoldTables } from '../../../src/lib/analytics/gold-tables';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { TableExplorer } from '../../../src/lib/engine/table-explorer';
import type { LakeEntry, LakeStore, LakeWriter } from '../../../src/lib/lake/lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { dropPipelineTables } from '../../../src/lib/pipeline/run/engine-bronze';
import { cleanUpLake } from '../../../src/lib/pipeline/run/lake-cleanup';
import { readManifest } from '../../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { CrashingStore } from '../pipeline/run/crashing-store';
import { clock, csv, fakeSteps, openCodec, snapshot, storeFrom } from '../pipeline/run/fake-steps';

/**
 * Finding 2: publishing moved files over fixed paths before the manifest was written, so a reader during
 * (or after a crash in) publishing read new fact rows beside old dimensions under the old run id.
 *
 * Gold here has a dimension and a fact that change together: the old version has 1 product (p1, 10.00),
 * the new one 2 (p1 and p3, 10.00 + 2.00). Whatever a reader does, it must see one of the two whole.
 */
const steps: typeof fakeSteps = {
	...fakeSteps,
	async buildGold(sql) {
		const stats = await fakeSteps.buildGold(sql);
		await sql.exec(
			`CREATE OR REPLACE TABLE gold_fact_sales AS SELECT product_id, list_price AS amount FROM silver_products`
		);
		return { ...stats, tables: { ...stats.tables, fact_sales: stats.tables.dim_product } };
	}
};

const OLD = { products: 1, amount: 10 };
const NEW = { products: 2, amount: 12 };

/** What a reader saw: the run the manifest named, and what each way of reading gave. */
interface Seen {
	manifestRun: string;
	report: { products: number; amount: number };
	explorer: { products: number; amount: number };
	download: { amount: number };
}

/** Calls `beforeChange` before each write, move or delete, with the lake as it stands then. */
class PausingStore implements LakeStore {
	readonly changes: string[] = [];
	constructor(
		readonly inner: LakeStore,
		readonly beforeChange: (change: string) => Promise<void>
	) {}
	list(prefix?: string): Promise<LakeEntry[]> {
		return this.inner.list(prefix);
	}
	stat(path: string): Promise<LakeEntry | null> {
		return this.inner.stat(path);
	}
	read(path: string): Promise<Uint8Array> {
		return this.inner.read(path);
	}
	blob(path: string): Promise<Blob> {
		return this.inner.blob(path);
	}
	async write(path: string, data: Uint8Array): Promise<void> {
		await this.#pause(`write ${path}`);
		return this.inner.write(path, data);
	}
	async writer(path: string): Promise<LakeWriter> {
		await this.#pause(`writer ${path}`);
		return this.inner.writer(path);
	}
	async move(from: string, to: string): Promise<void> {
		await this.#pause(`move ${from} ${to}`);
		return this.inner.move(from, to);
	}
	async delete(path: string): Promise<void> {
		await this.#pause(`delete ${path}`);
		return this.inner.delete(path);
	}
	async #pause(change: string): Promise<void> {
		this.changes.push(change);
		await this.beforeChange(change);
	}
}

describe('regression: readers never see a mix of two versions while a run publishes', () => {
	let pipelineSql: SqlEngine;
	let readerSql: SqlEngine;
	let codec: ParquetCodec;
	let before: Map<string, Uint8Array>;
	let oldRun: string;

	beforeAll(async () => {
		[pipelineSql, readerSql, codec] = await Promise.all([
			openDuckDBWasmNode(),
			openDuckDBWasmNode(),
			openCodec()
		]);
		const store = await storeFrom(new Map([['raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00')]]));
		oldRun = (await runPipeline({ sql: pipelineSql, store, codec, now: clock() }, {}, steps)).run_id;
		await store.write('raw/products/b2.csv', csv('p3,2.00', 'p4,oops', 'p5,-1.00'));
		before = await snapshot(store);
	});
	afterAll(async () => {
		await pipelineSql?.close();
		await readerSql?.close();
	});

	/** Another tab opened now: a report on Gold, the explorer and a download, each through its own path. */
	async function read(store: LakeStore): Promise<Seen> {
		const lake = new LakeService(readerSql, store, codec);
		const manifestRun = (await readManifest(store))?.run_id ?? '';
		const gold = new GoldTables(
			() => readManifest(store),
			(path, table, file) => lake.loadTable(path, table, file)
		);
		const [report] = (
			await withGoldTables(readerSql, gold).query(
				`SELECT (SELECT count(*) FROM gold_dim_product)::INTEGER AS products,
				        (SELECT sum(amount) FROM gold_fact_sales)::DOUBLE AS amount`
			)
		).rows as { products: number; amount: number }[];
		const explorer = new TableExplorer(lake);
		const dims = await explorer.rows('gold/dim_product.parquet', { offset: 0, limit: 10 });
		const facts = await explorer.rows('gold/fact_sales.parquet', { offset: 0, limit: 10 });
		const downloaded = new Uint8Array(await (await lake.download('gold/fact_sales.parquet')).arrayBuffer());
		await readerSql.loadArrowIPC('downloaded', codec.decode(downloaded));
		const [download] = (await readerSql.query(`SELECT sum(amount)::DOUBLE AS amount FROM downloaded`))
			.rows as { amount: number }[];
		return {
			manifestRun,
			report,
			explorer: { products: dims.total, amount: sumAmounts(facts.rows) },
			download
		};
	}

	function expectWhole(seen: Seen, newRun: string, where: string) {
		const version = seen.manifestRun === oldRun ? OLD : NEW;
		expect([oldRun, newRun], where).toContain(seen.manifestRun);
		expect(seen, where).toEqual({
			manifestRun: seen.manifestRun,
			report: version,
			explorer: version,
			download: { amount: version.amount }
		});
	}

	it('paused before every change of the run, a reader sees the old or the new version whole', async () => {
		let newRun = '';
		const seen: { change: string; seen: Seen }[] = [];
		const inner = await storeFrom(before);
		const store = new PausingStore(inner, async (change) => {
			seen.push({ change, seen: await read(inner) });
		});
		await dropPipelineTables(pipelineSql);
		newRun = (
			await runPipeline({ sql: pipelineSql, store, codec, now: clock('2025-03-02T10:00:00Z') }, {}, steps)
		).run_id;
		seen.push({ change: 'after the run', seen: await read(inner) });
		expect(seen.length).toBeGreaterThan(8);
		for (const { change, seen: s } of seen) expectWhole(s, newRun, `paused before ${change}`);
		expect(seen.at(-1)!.seen.manifestRun).toBe(newRun);
	});

	it('killed at every change of the run, a reader sees the old or the new version whole, before and after cleanup', async () => {
		const reference = new CrashingStore(await storeFrom(before));
		await dropPipelineTables(pipelineSql);
		await runPipeline(
			{ sql: pipelineSql, store: reference, codec, now: clock('2025-03-02T10:00:00Z') },
			{},
			steps
		);
		for (let crashAt = 0; crashAt < reference.changes.length; crashAt++) {
			const store = new CrashingStore(await storeFrom(before), crashAt);
			await dropPipelineTables(pipelineSql);
			await runPipeline(
				{ sql: pipelineSql, store, codec, now: clock('2025-03-02T10:00:00Z') },
				{},
				steps
			).catch(() => undefined);
			const newRun = /(run-\d{8}-\d{6}-[0-9a-f]{4})/.exec(store.changes.join(' '))?.[1] ?? '';
			const where = `killed at ${reference.changes[crashAt]}`;
			const seen = await read(store.inner);
			expectWhole(seen, newRun, where);
			await cleanUpLake(store.inner);
			expect(await read(store.inner), `${where}, after cleanup`).toEqual(seen);
		}
	});

	it('a tab that read the old version and reads again while the run publishes still sees one version', async () => {
		const inner = await storeFrom(before);
		const lake = new LakeService(readerSql, inner, codec);
		const gold = new GoldTables(
			() => readManifest(inner),
			(path, table, file) => lake.loadTable(path, table, file)
		);
		const goldSql = withGoldTables(readerSql, gold);
		const query = `SELECT (SELECT count(*) FROM gold_dim_product)::INTEGER AS products,
			(SELECT sum(amount) FROM gold_fact_sales)::DOUBLE AS amount`;
		expect((await goldSql.query(query)).rows).toEqual([OLD]);
		const answers: unknown[] = [];
		const store = new PausingStore(inner, async () => {
			gold.recheck();
			answers.push((await goldSql.query(query)).rows[0]);
		});
		await dropPipelineTables(pipelineSql);
		await runPipeline({ sql: pipelineSql, store, codec, now: clock('2025-03-02T10:00:00Z') }, {}, steps);
		gold.recheck();
		answers.push((await goldSql.query(query)).rows[0]);
		for (const answer of answers) expect([OLD, NEW]).toContainEqual(answer);
		expect(answers.at(-1)).toEqual(NEW);
	});
});

function sumAmounts(rows: Record<string, unknown>[]): number {
	return Math.round(rows.reduce((total, row) => total + Number(row.amount) * 100, 0)) / 100;
}
