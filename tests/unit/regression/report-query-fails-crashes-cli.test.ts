import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';
import { sha256Hex } from '../../../src/lib/lake/sha256';
import { readManifest, writeManifest } from '../../../src/lib/pipeline/run/manifest';
import { openNativeConnection } from '../helpers/native-duckdb';
import { publishedFile } from '../helpers/published-file';

/**
 * Finding: `cli report` over a lake whose Gold made one query fail printed the error, then died of a
 * segmentation fault (exit code 139): a page's queries run together, and the report closed the native
 * engine as the failed one's error reached it while the others were still running on its connection. The
 * engine now waits for the statements under way before it closes. The lake here is a published run whose
 * gold/agg_daily_orders file lost a column the Sales page reads (manifest checksum kept consistent).
 */
describe('a report query that fails in the CLI', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'failing-report-'));
		await generateRaw(
			{ salesLines: 1_500, seed: 7, from: '2024-01-01', to: '2024-03-31' },
			new NodeLakeStore(dir)
		);
		expect(
			await runCli(['pipeline', '--lake', dir, '--threads', '1'], { out: () => {}, err: () => {} })
		).toBe(0);
		const store = new NodeLakeStore(dir);
		const { checksum: _, ...manifest } = (await readManifest(store))!;
		const entry = manifest.tables['gold/agg_daily_orders'];
		const file = await publishedFile(dir, 'gold/agg_daily_orders');
		const native = await openNativeConnection();
		await native.run(
			`COPY (SELECT * EXCLUDE (whole_orders) FROM read_parquet('${file}')) TO '${file}.cut' (FORMAT parquet)`
		);
		native.closeSync();
		const bytes = await readFile(`${file}.cut`);
		await writeFile(file, bytes);
		await rm(`${file}.cut`);
		manifest.tables['gold/agg_daily_orders'] = {
			...entry,
			bytes: bytes.byteLength,
			sha256: await sha256Hex(bytes)
		};
		await writeManifest(store, manifest);
	}, 180_000);
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('ends with the error and exit code 1', async () => {
		const child = spawn('node', ['bin/retail-hub.js', 'report', '--lake', dir, '--page', 'sales'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
			child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]))
		);
		expect(stderr).toMatch(/whole_orders/);
		expect([code, signal]).toEqual([1, null]);
	}, 60_000);
});
