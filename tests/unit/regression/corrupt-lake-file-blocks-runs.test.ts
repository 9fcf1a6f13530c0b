import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';
import type { LakeManifest } from '../../../src/lib/pipeline/types';

/**
 * Finding 4: a damaged `_manifest.json` stopped every later run with "Unterminated string in JSON at
 * position 2000" (no file named) and a truncated Bronze Parquet with "Corrupt footer", with no way back.
 * Now the damaged file is named, and `pipeline --rollback` (the previous whole version) or
 * `pipeline --rebuild` (from Raw) repairs the lake (CLI, native DuckDB).
 */
describe('regression: a damaged lake file is named and the lake can be repaired', () => {
	let pristine: string;
	let overview: unknown;
	const lakes: string[] = [];

	beforeAll(async () => {
		pristine = await mkdtemp(join(tmpdir(), 'corrupt-lake-'));
		lakes.push(pristine);
		await generateRaw(
			{ salesLines: 1_000, seed: 13, from: '2024-01-01', to: '2024-04-30' },
			new NodeLakeStore(pristine)
		);
		// Two versions, so there is a previous one to roll back to.
		for (let run = 0; run < 2; run++)
			expect((await cli('pipeline', '--lake', pristine, '--threads', '1')).code).toBe(0);
		overview = await report(pristine);
	}, 180_000);
	afterAll(async () => {
		for (const lake of lakes) await rm(lake, { recursive: true, force: true });
	});

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	async function report(lake: string): Promise<unknown> {
		const { code, out, err } = await cli('report', '--lake', lake, '--page', 'overview', '--json');
		expect(code, err).toBe(0);
		return JSON.parse(out).pages.overview;
	}

	async function copyOfLake(): Promise<{ lake: string; manifest: LakeManifest }> {
		const lake = await mkdtemp(join(tmpdir(), 'corrupt-lake-copy-'));
		lakes.push(lake);
		await cp(pristine, lake, { recursive: true });
		return {
			lake,
			manifest: JSON.parse(await readFile(join(lake, '_manifest.json'), 'utf8')) as LakeManifest
		};
	}

	const repairHint = (lake: string) =>
		`To repair it: npm run cli -- pipeline --lake ${lake} --rollback (the previous version), or --rebuild (from the raw files).`;

	it('a manifest cut short is named; --rollback restores the version it recorded', async () => {
		const { lake, manifest } = await copyOfLake();
		await truncate(join(lake, '_manifest.json'), 2000);
		for (const command of ['pipeline', 'report']) {
			const { code, err } = await cli(command, '--lake', lake);
			expect(code, command).toBe(1);
			expect(err, command).toContain('The lake file _manifest.json is damaged: it is not valid JSON (');
			expect(err, command).toContain(repairHint(lake));
		}
		const rolled = await cli('pipeline', '--lake', lake, '--rollback');
		expect(rolled.code, rolled.err).toBe(0);
		// The kept copy of the damaged version is whole, so that very version comes back.
		expect(rolled.out).toContain(`publishes run ${manifest.run_id} again`);
		expect(await report(lake)).toEqual(overview);
		expect((await cli('pipeline', '--lake', lake, '--threads', '1')).code).toBe(0);
	});

	it('a Gold file whose bytes changed is named; --rollback goes back to the previous version', async () => {
		const { lake, manifest } = await copyOfLake();
		const facts = manifest.tables['gold/fact_orders'].path;
		const bytes = await readFile(join(lake, facts));
		bytes[bytes.length >> 1] ^= 0xff;
		await writeFile(join(lake, facts), bytes);
		const { code, err } = await cli('report', '--lake', lake);
		expect(code).toBe(1);
		expect(err).toContain(
			`The lake file ${facts} is damaged: its bytes do not match the checksum in the manifest.`
		);
		const rolled = await cli('pipeline', '--lake', lake, '--rollback');
		expect(rolled.code, rolled.err).toBe(0);
		expect(rolled.out).toContain(`publishes run ${manifest.previous!.run_id} again`);
		expect(await report(lake)).toEqual(overview);
	});

	it('a truncated Bronze file is named; with no whole version left, --rebuild rebuilds from Raw', async () => {
		const { lake, manifest } = await copyOfLake();
		const [key, bronze] = Object.entries(manifest.tables).find(([k]) => k.startsWith('bronze/pos_sales/'))!;
		await truncate(join(lake, bronze.path), bronze.bytes - 100);
		const { code, err } = await cli('pipeline', '--lake', lake);
		expect(code).toBe(1);
		expect(err).toContain(
			`The lake file ${bronze.path} is damaged: its bytes do not match the checksum in the manifest.`
		);
		expect(err).toContain(repairHint(lake));
		// Both kept versions share that Bronze file (the raw file did not change), so neither is whole.
		const rolled = await cli('pipeline', '--lake', lake, '--rollback');
		expect(rolled.code).toBe(1);
		expect(rolled.err).toContain('No earlier version of the lake is whole');

		const rebuilt = await cli('pipeline', '--lake', lake, '--rebuild', '--threads', '1');
		expect(rebuilt.code, rebuilt.err).toBe(0);
		const after = JSON.parse(await readFile(join(lake, '_manifest.json'), 'utf8')) as LakeManifest;
		expect(after.sequence).toBe(manifest.sequence + 1);
		expect(after.tables[key].path).not.toBe(bronze.path);
		expect(await report(lake)).toEqual(overview);
		expect((await cli('pipeline', '--lake', lake, '--threads', '1')).code).toBe(0);
	});
});
