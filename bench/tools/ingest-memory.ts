// Memory while ingesting one large raw CSV into Bronze on DuckDB-WASM's Node build (the browser's engine):
// the process's peak RSS above what it held once the engine was open. The file is pos_sales lines from the
// generator, repeated to `--mb` MB (default 1024) with fresh invoice numbers, plus one 40 MB field.
// `node bench/tools/ingest-memory.js [--mb 1024] [--keep DIR]`; with INGEST_TX=1 the file is ingested in one
// transaction, as before issue 11 (DuckDB then holds its new rows uncompressed until the commit).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { ingestFile } from '../../src/lib/pipeline/ingest/ingest-file';
import { hashRawFile } from '../../src/lib/pipeline/ingest/raw-bytes';
import { listRawFiles } from '../../src/lib/pipeline/ingest/raw-files';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const targetMb = Number(option('--mb') ?? 1024);
const keep = option('--keep');

const dir = keep ?? mkdtempSync(join(tmpdir(), 'ingest-memory-'));
const seed = mkdtempSync(join(tmpdir(), 'ingest-memory-seed-'));
try {
	const { truth } = await generateRaw({}, new NodeLakeStore(seed));
	const [header, ...lines] = (await readFile(join(seed, truth.files.pos_sales.path), 'utf8'))
		.trimEnd()
		.split('\n');
	const body = lines.slice(0, -1); // the generator may cut its last line short
	const path = join(dir, 'raw/pos_sales/big.csv');
	await new NodeLakeStore(dir).write('raw/pos_sales/.keep', new Uint8Array(0));
	const out = createWriteStream(path);
	const write = (text: string) =>
		new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
	await write(`${header}\n`);
	let bytes = 0;
	for (let copy = 0; bytes < targetMb * 2 ** 20; copy++) {
		const text = body.map((line) => line.replace(/^INV-/, `INV-${copy}-`)).join('\n') + '\n';
		await write(text);
		bytes += Buffer.byteLength(text);
		if (copy === 3)
			await write(`INV-LONG,2024-01-01 10:00:00,STR-X,X,C,P,${'x'.repeat(40 << 20)},c,1,1.00,1.00,UPI\n`);
	}
	await new Promise((resolve) => out.end(resolve));

	const sql = await openDuckDBWasmNode();
	const store = new NodeLakeStore(dir);
	const [file] = (await listRawFiles(store)).filter((f) => f.path.endsWith('big.csv'));
	const base = process.resourceUsage().maxRSS;
	const rssBefore = process.memoryUsage().rss;
	let peak = rssBefore;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const hashStarted = performance.now();
	const sha256 = await hashRawFile(store, file.path);
	const hashSeconds = (performance.now() - hashStarted) / 1000;
	const started = performance.now();
	if (process.env.INGEST_TX) await sql.exec('BEGIN TRANSACTION');
	const result = await ingestFile(sql, store, { ...file, sha256 }, { ingestedAt: '2026-01-01 00:00:00' });
	if (process.env.INGEST_TX) await sql.exec('COMMIT');
	clearInterval(sampler);
	const seconds = (performance.now() - started) / 1000;
	const hwm = process.resourceUsage().maxRSS;
	const { rows } = await sql.query(
		`SELECT (SELECT count(*) FROM bronze_pos_sales)::BIGINT AS bronze, (SELECT count(*) FROM bronze_rejects)::BIGINT AS rejects,
		        (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::BIGINT AS duckdb_bytes`
	);
	console.log(
		JSON.stringify(
			{
				file_mb: Math.round(file.size / 2 ** 20),
				status: result.status,
				rows_raw: result.rows_raw,
				rows_rejected: result.rows_rejected,
				in_duckdb: { ...rows[0], duckdb_bytes: undefined },
				duckdb_memory_mb: Math.round(Number(rows[0].duckdb_bytes) / 2 ** 20),
				hash_seconds: Math.round(hashSeconds * 10) / 10,
				ingest_seconds: Math.round(seconds * 10) / 10,
				mb_per_s: Math.round(file.size / 2 ** 20 / seconds),
				rss_before_mb: Math.round(rssBefore / 2 ** 20),
				rss_sampled_peak_above_mb: Math.round((peak - rssBefore) / 2 ** 20),
				rss_high_water_above_mb: Math.round((hwm - base) / 1024)
			},
			null,
			'\t'
		)
	);
	await sql.close();
} finally {
	rmSync(seed, { recursive: true, force: true });
	if (!keep) rmSync(dir, { recursive: true, force: true });
}
