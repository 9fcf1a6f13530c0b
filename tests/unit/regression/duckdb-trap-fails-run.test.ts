import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestartingEngine } from '../../../src/lib/engine/engine-restarts';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { listRuns, readManifest } from '../../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { trap } from '../helpers/wasm-trap';
import { clock, csv, fakeSteps, openCodec } from '../pipeline/run/fake-steps';

/**
 * Finding: about one WebKit check in six failed at Silver or at publish with "Out of bounds memory access
 * (evaluating 'l(...u)')": DuckDB-WASM's own code trapping under JavaScriptCore (inside emscripten's `ccall`).
 * A trapped instance answers nothing right again, so the run failed, and so would every later request. Now
 * the engine worker boots a fresh DuckDB over the same lake after a trap, and the call that trapped (here
 * the run) starts again on it.
 */

/** `sql`, but a statement that writes `table` traps first, as a DuckDB-WASM build does under JavaScriptCore. */
function trappingOn(sql: SqlEngine, table: string): SqlEngine {
	return new Proxy(sql, {
		get(target, property) {
			if (property === 'exec')
				return async (text: string) => {
					if (text.includes(`TABLE ${table} AS`)) trap();
					return target.exec(text);
				};
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

async function twoFiles(): Promise<MemoryLakeStore> {
	const store = new MemoryLakeStore();
	await store.write('raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00', 'p3,abc'));
	await store.write('raw/products/b2.csv', csv('p4,7.50', 'p5,x'));
	return store;
}

const contents = (tables: LakeManifest['tables']) =>
	Object.fromEntries(Object.entries(tables).map(([key, { rows, sha256 }]) => [key, { rows, sha256 }]));

describe('DuckDB-WASM traps during a run', () => {
	const opened: SqlEngine[] = [];
	const open = async () => {
		const sql = await openDuckDBWasmNode();
		opened.push(sql);
		return sql;
	};
	let codec: ParquetCodec;
	let untrapped: ReturnType<typeof contents>;
	beforeAll(async () => {
		codec = await openCodec();
		const store = await twoFiles();
		await runPipeline({ sql: await open(), store, codec, now: clock() }, {}, fakeSteps);
		untrapped = contents((await readManifest(store))!.tables);
	}, 60_000);
	afterAll(async () => {
		for (const sql of opened) await sql.close();
	});

	it.each(['silver_products', 'gold_dim_product'])(
		'at the statement that makes %s: a fresh engine runs it again and publishes what a run with no trap does',
		async (table) => {
			const store = await twoFiles();
			let boots = 0;
			const engines = new RestartingEngine(async () => {
				const sql = await open();
				return ++boots === 1 ? trappingOn(sql, table) : sql;
			});
			const log = await engines.call((sql) =>
				runPipeline({ sql, store, codec, now: clock() }, {}, fakeSteps)
			);

			expect(boots).toBe(2);
			expect(log.status).toBe('succeeded_with_warnings');
			const manifest = (await readManifest(store))!;
			expect(manifest.run_id).toBe(log.run_id);
			expect(contents(manifest.tables)).toEqual(untrapped);
			// The trapped run is in the history, failed, saying where.
			const runs = await listRuns(store);
			expect(runs.map((run) => run.status).sort()).toEqual(['failed', 'succeeded_with_warnings']);
			const trapped = runs.find((run) => run.status === 'failed')!;
			expect(trapped.error).toBe(
				`Pipeline run ${trapped.run_id} failed at ${table.startsWith('silver') ? 'silver' : 'gold'}: unreachable`
			);
			expect(await store.list('_staging')).toEqual([]);
		},
		60_000
	);
});
