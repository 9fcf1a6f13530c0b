import { engineReady, expect, runSql, test } from './fixtures';

test('after one visit the app and DuckDB start with the network off', async ({ page, context, problems }) => {
	await page.goto('/');
	await engineReady(page);
	// Workbox precaches everything during install, so an active worker means the cache is complete.
	const cached = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		const names = await caches.keys();
		const urls: string[] = [];
		for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
		return urls;
	});
	expect(cached.some((u) => /duckdb-eh[^/]*\.wasm/.test(u))).toBe(true);
	expect(cached.some((u) => /duckdb-mvp/.test(u))).toBe(false);

	await context.setOffline(true);
	await page.reload();
	await engineReady(page);
	await page.goto('/lake');
	await engineReady(page);
	expect(await runSql(page, `SELECT (6 * 7)::VARCHAR AS answer, 'offline'::VARCHAR AS mode`)).toEqual([
		['42', 'offline']
	]);
	await context.setOffline(false);
	expect(problems).toEqual([]);
});
