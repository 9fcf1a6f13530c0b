import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { TRUTH_PATH } from '../../src/lib/generate/raw-datasets';
import type { RawTruth } from '../../src/lib/generate/truth';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import type { LakeManifest, RunLog } from '../../src/lib/pipeline/types';

const GOLD_TABLES = [
	'fact_sales',
	'fact_inventory',
	'fact_shipments',
	'dim_date',
	'dim_product',
	'dim_store',
	'dim_customer',
	'agg_daily_sales'
];

describe('CLI pipeline (native DuckDB over a generated lake folder)', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-pipeline-'));
		await generateRaw(
			{ salesLines: 1_000, seed: 7, from: '2024-01-01', to: '2024-04-30' },
			new NodeLakeStore(dir)
		);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	it('runs Raw → Gold, publishes every gold table, and the rows reconcile', async () => {
		const { code, out, err } = await cli('pipeline', '--lake', dir, '--threads', '1', '--json');
		expect(code, err).toBe(0);
		const log = JSON.parse(out) as RunLog;
		expect(log.status).toBe('succeeded');
		expect(log.steps.map((s) => s.step)).toEqual([
			'prepare',
			...Array(7).fill('ingest'),
			'silver',
			'gold',
			'quality',
			'publish'
		]);

		const manifest = JSON.parse(await readFile(join(dir, '_manifest.json'), 'utf8')) as LakeManifest;
		expect(manifest.run_id).toBe(log.run_id);
		for (const table of GOLD_TABLES) expect(manifest.tables[`gold/${table}`]?.rows, table).toBeGreaterThan(0);
		const rows = (key: string) => manifest.tables[key]?.rows ?? 0;
		// Each file's rows as the generator wrote them (_truth.json), less the unparseable rows it injected.
		const truth = JSON.parse(await readFile(join(dir, TRUTH_PATH), 'utf8')) as RawTruth;
		let bronzeRows = 0;
		for (const file of manifest.ingested) {
			const { malformed_date = 0, malformed_number = 0, truncated_line = 0 } = truth.defects[file.dataset];
			const unparseable = malformed_date + malformed_number + truncated_line;
			expect(file.rows_raw, file.path).toBe(truth.files[file.dataset].rows);
			expect(file.rows_rejected, file.path).toBe(unparseable);
			expect(rows(`bronze/${file.dataset}/${file.batch_id}`), file.path).toBe(
				truth.files[file.dataset].rows - unparseable
			);
			bronzeRows += truth.files[file.dataset].rows - unparseable;
		}
		const step = (name: string) => log.steps.find((s) => s.step === name)!;
		// Bronze = Silver + held back; Silver sales lines = Gold facts + orphan lines.
		expect(step('silver').rows_in).toBe(bronzeRows);
		expect(step('silver').rows_in).toBe(step('silver').rows_out + step('silver').rows_rejected);
		expect(step('gold')).toMatchObject({
			rows_in: rows('silver/sales_lines'),
			rows_out: rows('gold/fact_sales')
		});
		expect(step('gold').rows_in).toBe(step('gold').rows_out + step('gold').rows_rejected);
		expect(log.quality?.reconciliation.sales.balanced).toBe(true);
		const report = JSON.parse(await readFile(join(dir, `analytics/quality/${log.run_id}.json`), 'utf8'));
		expect(report).toEqual(log.quality);
	});

	it('prints a per-step summary, and a second run ingests nothing', async () => {
		const { code, out } = await cli('pipeline', '--lake', dir);
		expect(code).toBe(0);
		expect(out).toMatch(/^Pipeline run run-\S+ succeeded in /);
		expect(out).toMatch(/^step\s+detail\s+rows in\s+rows out\s+rejected\s+time$/m);
		expect(out).not.toMatch(/^ingest/m);
		expect(out).toMatch(/7 raw files were already ingested and were skipped\./);
		expect(out).toMatch(/^Quality score: \d+ %/m);
	});

	it('fails clearly on a lake folder without raw files', async () => {
		const empty = await mkdtemp(join(tmpdir(), 'cli-pipeline-empty-'));
		try {
			const { code, err } = await cli('pipeline', '--lake', empty);
			expect(code).toBe(1);
			expect(err).toMatch(/No raw files: generate or import data first/);
		} finally {
			await rm(empty, { recursive: true, force: true });
		}
	});
});
