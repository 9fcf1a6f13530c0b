import { gzipSync } from 'node:zlib';
import type { BenchContext, Figure } from '../harness';

/**
 * JavaScript the page itself loads to paint the Overview (gzip level 9, as a server would send it).
 * Worker scripts, wasm and chunks loaded later are excluded, per docs/benchmark.md.
 */
export async function initialJs(ctx: BenchContext): Promise<Figure> {
	const page = await ctx.newPage();
	const sizes = new Map<string, Promise<number>>();
	page.on('response', (response) => {
		const url = response.url();
		if (!url.endsWith('.js') || url.includes('/workers/')) return;
		// A chunk still loading when the page closes is not part of first paint: count it as nothing.
		sizes.set(
			url,
			response
				.body()
				.then((body) => gzipSync(body, { level: 9 }).length)
				.catch(() => 0)
		);
	});
	try {
		await page.goto(`${ctx.baseUrl}/`, { waitUntil: 'load' });
		await page.getByTestId('engine-status').waitFor();
		const total = (await Promise.all(sizes.values())).reduce((sum, size) => sum + size, 0);
		return { value: Math.round(total / 102.4) / 10, unit: 'KB', note: `${sizes.size} files` };
	} finally {
		await page.close();
	}
}
