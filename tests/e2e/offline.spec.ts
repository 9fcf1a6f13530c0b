import type { Page } from '@playwright/test';
import { cliLake } from './cli-lake';
import { engineReady, expect, openSeededLake, runSql, test } from './fixtures';

// Served through the app's service worker, as a visitor gets it (the e2e default blocks it).
test.use({ serviceWorkers: 'allow' });

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

/** Waits for the engine's own figures (not the last visit's) for exactly these filters. */
async function liveFigures(page: Page, filters: string): Promise<void> {
	const root = page.locator(
		`[data-testid="dashboard"][data-state="ready"][data-source="live"][data-filters="${filters}"]`
	);
	await expect(root).toBeVisible({ timeout: 120_000 });
}

async function revenueCard(page: Page): Promise<string | null> {
	return page.locator('[data-testid="kpi-card"][data-kpi="revenue"]').getAttribute('data-value');
}

// Finding 7: /sales?city=Pune, /lake.html and unknown routes failed offline with ERR_INTERNET_DISCONNECTED.
test('offline, any app URL opens: a deep link with filters shows the filtered figures', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(480_000);
	const lake = cliLake();
	await openSeededLake(page, lake);

	await page.goto('/sales');
	await liveFigures(page, '');
	const all = await revenueCard(page);
	const city = await page.getByTestId('filter-city').locator('option').nth(2).getAttribute('value');
	const query = new URLSearchParams({ city: city ?? '' }).toString();
	await page.goto(`/sales?${query}`);
	await liveFigures(page, query);
	const filtered = await revenueCard(page);
	expect(Number(filtered)).toBeGreaterThan(0);
	expect(filtered).not.toBe(all);
	await page.evaluate(() => navigator.serviceWorker.ready);

	await context.setOffline(true);
	// Opened afresh and reloaded with the network off: the same filtered figures.
	await page.goto(`/sales?${query}`);
	await liveFigures(page, query);
	expect(await revenueCard(page)).toBe(filtered);
	await expect(page.getByTestId('filter-city')).toHaveValue(city ?? '');
	await page.reload();
	await liveFigures(page, query);
	expect(await revenueCard(page)).toBe(filtered);

	// The build's own file names, and a route the app does not have.
	await page.goto('/lake.html');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lake');
	await page.goto('/customers.html?channel=web');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customers');
	const unknown = await page.goto('/no-such-page?x=1');
	expect(unknown?.ok()).toBe(true);
	await expect(page.getByRole('navigation')).toBeVisible();
	await expect(page.getByText('Not Found')).toBeVisible();
	await context.setOffline(false);
	// SvelteKit reports the unknown route itself; nothing else may fail.
	expect(problems.filter((problem) => !problem.includes('Not found: /no-such-page'))).toEqual([]);
	problems.length = 0;
});
