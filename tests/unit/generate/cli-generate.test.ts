import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

function capture() {
	const out: string[] = [];
	const err: string[] = [];
	return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rdh-generate-'));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('cli: generate', () => {
	it('writes the raw layer and its truth into --out', async () => {
		const { io, out } = capture();
		const args = ['generate', '--lines', '5000', '--seed', '3', '--from', '2024-01-01', '--to', '2024-06-30'];
		expect(await runCli([...args, '--defect-rate', '0.02', '--out', dir], io)).toBe(0);
		expect(out.join('\n')).toMatch(/Generated batch gen-s3-2024-01-01-2024-06-30/);
		const batch = 'gen-s3-2024-01-01-2024-06-30';
		expect((await readdir(join(dir, 'raw'))).sort()).toEqual(
			[
				'_truth.json',
				'customers',
				'inventory',
				'pos_sales',
				'products',
				'shipments',
				'stores',
				'web_orders'
			].sort()
		);
		expect(await readdir(join(dir, 'raw', 'web_orders'))).toEqual([`${batch}.ndjson`]);
		const truth = JSON.parse(await readFile(join(dir, 'raw', '_truth.json'), 'utf8'));
		expect(truth.config).toEqual({
			seed: 3,
			salesLines: 5000,
			from: '2024-01-01',
			to: '2024-06-30',
			defectRate: 0.02
		});
		const pos = await readFile(join(dir, 'raw', 'pos_sales', `${batch}.csv`), 'utf8');
		expect(pos.split('\n').length - 1).toBe(truth.files.pos_sales.rows);
	});

	it('documents itself with --help', async () => {
		const { io, out } = capture();
		expect(await runCli(['generate', '--help'], io)).toBe(0);
		expect(out.join('\n')).toMatch(
			/--lines N[\s\S]*--seed S[\s\S]*--from DATE[\s\S]*--to DATE[\s\S]*--out DIR/
		);
		const overview = capture();
		expect(await runCli(['--help'], overview.io)).toBe(0);
		expect(overview.out.join('\n')).toMatch(/generate {2}generate synthetic raw data/);
	});

	it('explains bad arguments and exits non-zero', async () => {
		const missingOut = capture();
		expect(await runCli(['generate', '--lines', '5000'], missingOut.io)).toBe(2);
		expect(missingOut.err.join('\n')).toMatch(/--out DIR is required/);
		const badLines = capture();
		expect(await runCli(['generate', '--lines', 'lots', '--out', dir], badLines.io)).toBe(2);
		expect(badLines.err.join('\n')).toMatch(/--lines needs a number, got "lots"/);
		const badRange = capture();
		expect(
			await runCli(['generate', '--from', '2025-06-01', '--to', '2025-01-01', '--out', dir], badRange.io)
		).toBe(1);
		expect(badRange.err.join('\n')).toMatch(/The start date 2025-06-01 is after the end date 2025-01-01/);
		const unknown = capture();
		expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
		expect(unknown.err.join('\n')).toMatch(/Unknown command "frobnicate"/);
	});
});
