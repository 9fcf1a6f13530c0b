import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { RawTruth } from '../../../src/lib/generate/truth';
import type { LakeManifest, RunLog } from '../../../src/lib/pipeline/types';

/**
 * Finding (issue 13, item 3): generating again with the same seed and dates at another scale reused the
 * batch name, so the new raw files silently overwrote the old ones, the ground truth described neither lake
 * and Gold mixed both (Raw 16.8 lakh, Bronze 19.1 lakh, Gold 10.6 lakh rows). Now a lake that holds data
 * is never written into without saying whether to replace its data or add a batch, and a batch never
 * takes another's name.
 */
describe('regression: generating again mixes datasets', () => {
	const SAME = ['--seed', '11', '--from', '2024-01-01', '--to', '2024-03-31'];
	const folders: string[] = [];

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	async function lake(): Promise<string> {
		const dir = await mkdtemp(join(tmpdir(), 'generate-again-'));
		folders.push(dir);
		return dir;
	}

	async function pipeline(dir: string): Promise<RunLog> {
		const { code, out, err } = await cli('pipeline', '--lake', dir, '--threads', '1', '--json');
		expect(code, err).toBe(0);
		return JSON.parse(out) as RunLog;
	}

	async function rawFiles(dir: string): Promise<string[]> {
		const files: string[] = [];
		for (const folder of await readdir(join(dir, 'raw'), { withFileTypes: true })) {
			if (!folder.isDirectory()) continue;
			for (const name of await readdir(join(dir, 'raw', folder.name))) files.push(`${folder.name}/${name}`);
		}
		return files.sort();
	}

	/** Gold as a reader sees it: every Gold table's rows, and the facts' rows and revenue. */
	async function goldOf(dir: string, log: RunLog) {
		const manifest = JSON.parse(await readFile(join(dir, '_manifest.json'), 'utf8')) as LakeManifest;
		const tables = Object.entries(manifest.tables)
			.filter(([key]) => key.startsWith('gold/'))
			.map(([key, table]) => [key, table.rows]);
		const { gold_rows, gold_amount } = log.quality!.reconciliation.sales;
		return {
			tables: Object.fromEntries(tables),
			gold_rows,
			gold_amount,
			incoming: log.quality!.summary.rows_incoming
		};
	}

	let dir: string;
	let first: string[];
	beforeAll(async () => {
		dir = await lake();
		expect((await cli('generate', '--lines', '1000', ...SAME, '--out', dir)).code).toBe(0);
		first = await rawFiles(dir);
		await pipeline(dir);
	}, 120_000);
	afterAll(async () => {
		for (const folder of folders) await rm(folder, { recursive: true, force: true });
	});

	it('refuses to write into a lake that holds data unless told to replace it or add a batch', async () => {
		const { code, err } = await cli('generate', '--lines', '1500', ...SAME, '--out', dir);
		expect(code).toBe(2);
		expect(err).toMatch(/already holds 7 raw files: pass --replace to replace them .* or --add/);
		expect(await rawFiles(dir)).toEqual(first);
	});

	it('--replace: the next run has Gold = the new data only, as a fresh lake would', async () => {
		const replaced = await cli('generate', '--lines', '1500', ...SAME, '--replace', '--out', dir);
		expect(replaced.code, replaced.err).toBe(0);
		// A name of its own (the old files were not overwritten in place), and the old files gone.
		expect(replaced.out).toMatch(/Generated batch gen-s11-2024-01-01-2024-03-31-2 /);
		expect(replaced.out).toMatch(/replaced the lake's data: 7 earlier raw files removed/);
		expect(await rawFiles(dir)).toEqual(first.map((file) => file.replace(/(\.\w+)$/, '-2$1')));
		const again = await pipeline(dir);

		const fresh = await lake();
		expect((await cli('generate', '--lines', '1500', ...SAME, '--out', fresh)).code).toBe(0);
		const expected = await goldOf(fresh, await pipeline(fresh));
		expect(await goldOf(dir, again)).toEqual(expected);
		const truth = JSON.parse(await readFile(join(dir, 'raw/_truth.json'), 'utf8')) as RawTruth;
		expect(truth.batchId).toBe('gen-s11-2024-01-01-2024-03-31-2');
		expect(expected.incoming).toBe(Object.values(truth.files).reduce((total, file) => total + file.rows, 0));
	}, 180_000);

	it('--add: the new batch lands beside the others under a name of its own', async () => {
		const before = await rawFiles(dir);
		const added = await cli('generate', '--lines', '1000', ...SAME, '--add', '--out', dir);
		expect(added.code, added.err).toBe(0);
		expect(added.out).toMatch(/Generated batch gen-s11-2024-01-01-2024-03-31 /);
		const after = await rawFiles(dir);
		expect(after).toHaveLength(14);
		expect(after.filter((file) => !before.includes(file))).toEqual(first);
	}, 120_000);
});
