// Profiles one pipeline run over a lake folder on DuckDB-WASM's Node build (the browser's engine) or on
// native DuckDB: every SQL statement's time, slowest first, and the run's steps.
// `node bench/tools/profile.js --lake DIR [--native] [--worker]` (the lake's raw/ is copied, the folder is
// untouched; `TOP=N` lists the N slowest, 40 by default). `--worker` encodes Parquet in a worker_threads
// worker, overlapping DuckDB's export, as the browser does; an encoding is then timed from its first stream
// handed over to its Parquet bytes back, and DuckDB's export of it apart from the waits for the worker's room.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { nodeWorkerParquetEncoder } from '../../src/lib/parquet/node-parquet-encoder';
import { openNodeParquetCodec } from '../../src/lib/parquet/node-parquet-codec';
import type { ParquetEncoder } from '../../src/lib/parquet/parquet-encoder';
import { runPipeline } from '../../src/lib/pipeline/run/run-pipeline';
import { DuckDBNativeEngine } from '../../src/lib/sql/duckdb-native-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';

const args = process.argv.slice(2);
const lake = args[args.indexOf('--lake') + 1];
const native = args.includes('--native');
const worker = args.includes('--worker');
/** `--keep DIR`: run in DIR (its raw/ copied from the lake) and leave the published lake there. */
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 1);

let lastQuery = '';
/** What an export reads: the text after its last FROM (the lineage casts before it can be long). */
const queryLabel = (query: string): string => query.slice(query.lastIndexOf(' FROM ') + 6).slice(0, 46);
const timings = new Map<string, { ms: number; n: number }>();
function timed(sql: SqlEngine): SqlEngine {
	const wrap =
		<A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
		async (...a: A): Promise<R> => {
			const t = performance.now();
			try {
				return await fn(...a);
			} finally {
				if (name === 'queryArrowIPC') lastQuery = queryLabel(String(a[0]));
				const key = `${name} ${String(a[0]).replace(/\s+/g, ' ').slice(0, 110)}`;
				const entry = timings.get(key) ?? { ms: 0, n: 0 };
				entry.ms += performance.now() - t;
				entry.n++;
				timings.set(key, entry);
			}
		};
	// Every method the engine has is forwarded (a missing optional one would change the pipeline's path).
	return new Proxy(sql, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver);
			if (typeof value !== 'function') return value;
			if (property === 'queryArrowStreams')
				return (query: string, rows?: number) => {
					lastQuery = queryLabel(query);
					return value.call(target, query, rows);
				};
			if (['registerFile', 'dropFile', 'close'].includes(String(property))) return value.bind(target);
			return wrap(String(property), value.bind(target));
		}
	});
}

const rawCodec = await openNodeParquetCodec();
const codec = {
	encode(ipc: Uint8Array): Uint8Array {
		const t = performance.now();
		const out = rawCodec.encode(ipc);
		note(
			`codec.encode ${lastQuery} ${(ipc.length / 2 ** 20).toFixed(0)} MB IPC → ${(out.length / 2 ** 20).toFixed(1)} MB`,
			t
		);
		return out;
	},
	async encodeStreams(streams: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
		const t = performance.now();
		const out = await rawCodec.encodeStreams!(streams);
		note(`codec.encodeStreams (incl. query) ${lastQuery} → ${(out.length / 2 ** 20).toFixed(1)} MB`, t);
		return out;
	},
	decode(parquet: Uint8Array): Uint8Array {
		const t = performance.now();
		const out = rawCodec.decode(parquet);
		note(`codec.decode ${(parquet.length / 2 ** 20).toFixed(1)} MB`, t);
		return out;
	}
};
/** A worker encoder whose encodings are timed from the first stream handed over to the bytes back. */
function timedWorker(): ParquetEncoder {
	// The app's window (DEFAULT_MAX_BYTES_IN_FLIGHT) unless WINDOW_MB sets another.
	const windowMb = process.env.WINDOW_MB;
	const encoder = nodeWorkerParquetEncoder(
		rawCodec,
		windowMb ? { maxBytesInFlight: Number(windowMb) << 20 } : {}
	);
	return {
		async submit(streams) {
			const t = performance.now();
			const what = lastQuery;
			const { parquet } = await encoder.submit(timedSource(streams, `exported by DuckDB ${what}`));
			note(`worker handed over ${what}`, t);
			return {
				parquet: parquet.then((bytes) => {
					note(`worker encoded (incl. wait) ${what} → ${(bytes.length / 2 ** 20).toFixed(1)} MB`, t);
					return bytes;
				})
			};
		},
		close: () => encoder.close()
	};
}
/** The streams, each pull from the source (DuckDB's export) timed apart from the encoder's waits. */
async function* timedSource(streams: AsyncIterable<Uint8Array>, key: string): AsyncIterable<Uint8Array> {
	const source = streams[Symbol.asyncIterator]();
	for (;;) {
		const t = performance.now();
		const next = await source.next();
		note(key, t);
		if (next.done) return;
		yield next.value;
	}
}
function note(key: string, t: number): void {
	const entry = timings.get(key) ?? { ms: 0, n: 0 };
	entry.ms += performance.now() - t;
	entry.n++;
	timings.set(key, entry);
}
for (let r = 0; r < runs; r++) {
	const engine = native ? await DuckDBNativeEngine.open(codec, { threads: 1 }) : await openDuckDBWasmNode();
	const dir = keep ?? mkdtempSync(join(tmpdir(), 'profile-lake-'));
	cpSync(join(lake, 'raw'), join(dir, 'raw'), { recursive: true });
	timings.clear();
	try {
		const started = performance.now();
		const hwm: string[] = [];
		const log = await runPipeline(
			{ sql: timed(engine), store: new NodeLakeStore(dir), codec, encoder: worker ? timedWorker : undefined },
			{
				onProgress: (p) => hwm.push(`${p.step}${p.detail ? ' ' + p.detail.split('/')[1] : ''}:${highWater()}`)
			}
		);
		hwm.push(`end:${highWater()}`);
		const mem = await engine.query(
			`SELECT tag, round(memory_usage_bytes / 2 ** 20) AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0`
		);
		console.log('duckdb_memory (MB):', mem.rows.map((r) => `${r.tag}=${r.mb}`).join(' '));
		console.log('peak RSS (VmHWM, MB) when each step starts:', [...new Set(hwm)].join(' '));
		const total = performance.now() - started;
		console.log(
			`${native ? 'native' : 'wasm'} run ${log.status} in ${(total / 1000).toFixed(2)} s; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`
		);
		for (const s of log.steps)
			console.log(`  ${s.step.padEnd(8)} ${String(s.duration_ms).padStart(6)} ms ${s.detail ?? ''}`);
		const top = [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.TOP ?? 40));
		for (const [key, { ms, n }] of top) console.log(`${ms.toFixed(0).padStart(7)} ms ×${n} ${key}`);
	} finally {
		await engine.close();
		if (!keep) rmSync(dir, { recursive: true, force: true });
	}
}

function highWater(): string {
	const m = process.memoryUsage();
	const mb = (n: number) => Math.round(n / 2 ** 20);
	return `${hwmMb()}(heap ${mb(m.heapUsed)} ab ${mb(m.arrayBuffers)} ext ${mb(m.external)} rss ${mb(m.rss)})`;
}

function hwmMb(): number {
	const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Math.round(Number(match[1]) / 1024) : 0;
}
