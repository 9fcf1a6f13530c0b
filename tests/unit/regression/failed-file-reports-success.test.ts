import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';
import type { LakeManifest, RunLog } from '../../../src/lib/pipeline/types';

/**
 * Finding 3: a file whose rows were all rejected, a file rejected whole, an empty NDJSON file and a binary
 * file all ended `succeeded` with exit code 0, the text summary said nothing, and the next run called the
 * rejected file "already ingested". Now such a run ends `succeeded with warnings`, names each file and
 * why, exits 3 unless --allow-rejects, and keeps the file rejected until its bytes change.
 */
describe('regression: a failed raw file is reported, not passed off as a success', () => {
	let dir: string;
	const BAD_DATES = 'raw/pos_sales/bad-dates.csv';
	const EMPTY = 'raw/web_orders/empty.ndjson';
	const BINARY = 'raw/inventory/binary.csv';
	const NO_CITY = 'raw/stores/no-city.csv';
	let badDatesCsv: string;
	let fixedCsv: string;
	let firstBadDate: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'failed-files-'));
		const store = new NodeLakeStore(dir);
		const { truth } = await generateRaw(
			{ salesLines: 1_000, seed: 9, from: '2024-01-01', to: '2024-04-30' },
			store
		);
		// 40 good POS lines under new invoice numbers, then the same with dates as 21/02/2024 19:25.
		const lines = (await readFile(join(dir, truth.files.pos_sales.path), 'utf8')).split('\n');
		const picked = lines.slice(1, 41).map((line, i) => line.replace(/^[^,]+/, `INV-BAD-${i}`));
		fixedCsv = [lines[0], ...picked].join('\n') + '\n';
		const dmy = picked.map((line) =>
			line.replace(/,(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}):\d{2},/, ',$3/$2/$1 $4,')
		);
		badDatesCsv = [lines[0], ...dmy].join('\n') + '\n';
		expect(dmy.every((line) => /,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2},/.test(line))).toBe(true);
		firstBadDate = dmy[0].split(',')[1];
		await writeFile(join(dir, BAD_DATES), badDatesCsv);
		await writeFile(join(dir, EMPTY), '');
		await writeFile(
			join(dir, BINARY),
			Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)
		);
		await writeFile(join(dir, NO_CITY), 'store_id,store_name\nSTR-X-01,Somewhere\n');
	}, 120_000);
	afterAll(() => rm(dir, { recursive: true, force: true }));

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	/** The warnings, by path: the first bad row's date is the first picked line's, rewritten. */
	const expectedWarnings = () => [
		{
			path: BINARY,
			message:
				'The file is binary, not text: byte 1 is a NUL byte. Raw files must be CSV or JSON text in UTF-8 (or Parquet).'
		},
		{
			path: BAD_DATES,
			message: `All 40 rows were rejected; the first, row 1: invoice_date: "${firstBadDate}" is not a timestamp (YYYY-MM-DD HH:MM:SS).`
		},
		{ path: NO_CITY, message: 'Missing required column "city".' },
		{ path: EMPTY, message: 'The file is empty.' }
	];

	it('ends "succeeded with warnings", names each file and why, and exits 3', async () => {
		const { code, out } = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(code).toBe(3);
		expect(out).toMatch(/^Pipeline run run-\S+ succeeded with warnings in /);
		expect(out).toContain('Rejected raw files (4):');
		for (const { path, message } of expectedWarnings()) expect(out).toContain(`  ${path}: ${message}`);
		expect(out).toContain(
			'Exit code 3: fix or remove the rejected files and run again, or pass --allow-rejects.'
		);
	});

	it('keeps the files rejected, not "already ingested", on the next run; --allow-rejects exits 0', async () => {
		const { code, out } = await cli('pipeline', '--lake', dir, '--threads', '1', '--json', '--allow-rejects');
		expect(code).toBe(0);
		const log = JSON.parse(out) as RunLog;
		expect(log.status).toBe('succeeded_with_warnings');
		expect(log.warnings).toEqual(expectedWarnings());
		const byPath = new Map(log.ingestion.map((file) => [file.path, file]));
		for (const { path, message } of expectedWarnings().filter((w) => w.path !== BAD_DATES)) {
			expect(byPath.get(path)).toMatchObject({
				status: 'rejected',
				message: expect.stringMatching(
					new RegExp(`^Unchanged since run-\\S+, so still rejected: ${escape(message)}$`)
				)
			});
		}
		// The all-rows-rejected file is ingested (its rows sit in the rejects) and unchanged.
		expect(byPath.get(BAD_DATES)?.status).toBe('skipped');
	});

	it('tries a rejected file again once its bytes change', async () => {
		await writeFile(join(dir, BAD_DATES), fixedCsv);
		const { code, out } = await cli('pipeline', '--lake', dir, '--threads', '1', '--json');
		expect(code).toBe(3);
		const log = JSON.parse(out) as RunLog;
		expect(log.ingestion.find((file) => file.path === BAD_DATES)).toMatchObject({
			status: 'ingested',
			rows_raw: 40,
			rows_bronze: 40,
			rows_rejected: 0
		});
		expect(log.warnings?.map((warning) => warning.path)).toEqual([BINARY, NO_CITY, EMPTY]);
		const manifest = JSON.parse(await readFile(join(dir, '_manifest.json'), 'utf8')) as LakeManifest;
		expect(manifest.tables['bronze/pos_sales/bad-dates'].rows).toBe(40);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
