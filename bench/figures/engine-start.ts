import type { BenchContext, Figure } from '../harness';
import { median } from '../harness';

/** The engine worker's own start-up time (DuckDB-WASM instantiate + open + lake), median of 3 fresh loads. */
export async function engineStart(ctx: BenchContext): Promise<Figure> {
	const runs: number[] = [];
	for (let i = 0; i < ctx.samples(3); i++) {
		const page = await ctx.newPage();
		try {
			await page.goto(`${ctx.baseUrl}/lake`);
			const status = page.locator('[data-testid="engine-status"][data-phase="ready"]');
			await status.waitFor({ timeout: 60_000 });
			runs.push(Number(await status.getAttribute('data-start-ms')));
		} finally {
			await page.close();
		}
	}
	return { value: median(runs), unit: 'ms', note: `runs ${runs.join(', ')} ms` };
}
