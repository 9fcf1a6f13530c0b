import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import type { BenchContext, Figure } from '../harness';

/** Raw lines (every dataset) written to OPFS per second by the generator worker, driven from the Lake page. */
export async function browserGenerateRate(ctx: BenchContext): Promise<Figure> {
	const page = await ctx.newPage();
	try {
		await page.goto(`${ctx.baseUrl}/lake`);
		await page.getByTestId('gen-preset').selectOption(ctx.preset);
		await page.getByTestId('gen-start').click();
		const result = page.getByTestId('gen-result');
		await result.waitFor({ timeout: 20 * 60_000 });
		const lines = Number(await result.getAttribute('data-lines'));
		const elapsedMs = Number(await result.getAttribute('data-elapsed-ms'));
		return {
			value: Math.round(lines / (elapsedMs / 1000)),
			unit: 'lines/s',
			note: `${lines} lines in ${elapsedMs} ms`
		};
	} finally {
		await page.close();
	}
}

/** The same generator on Node (the CLI's code path) into a temporary folder. */
export async function nodeGenerateRate(ctx: BenchContext): Promise<Figure> {
	const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
	try {
		const summary = await generateRaw({ salesLines: ctx.salesLines }, new NodeLakeStore(dir));
		return {
			value: Math.round(summary.linesWritten / (summary.elapsedMs / 1000)),
			unit: 'lines/s',
			note: `${summary.linesWritten} lines in ${summary.elapsedMs} ms`
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
