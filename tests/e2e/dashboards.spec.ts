import type { Page } from '@playwright/test';
import type { DashboardPage } from '../../src/lib/analytics/reports';
import { cliLake, cliReports } from './cli-lake';
import { expectCards } from './dashboard-cards';
import { expect, generateAndPublish, test } from './fixtures';
import { forgetKeptFigures } from './kept-figures';
import { layoutProblems } from './layout';
import { navigate } from './live-trip';

const PATHS: Record<DashboardPage, string> = {
	overview: '/',
	sales: '/sales',
	inventory: '/inventory',
	logistics: '/logistics',
	customers: '/customers'
};

/** Waits for the engine's own figures (not the last visit's) for exactly these filters. */
async function liveFigures(page: Page, dashboard: DashboardPage, filters: string): Promise<void> {
	await expect(page.getByTestId('dashboard')).toHaveAttribute('data-page', dashboard);
	const root = page.locator(
		`[data-testid="dashboard"][data-state="ready"][data-source="live"][data-filters="${filters}"]`
	);
	await expect(root).toBeVisible({ timeout: 120_000 });
}

/** Forgets the dashboards' kept figures (src/lib/state/report-cache.ts), as on a first visit. */

/** Runs before the page's scripts: notes the engine's phase when the published figures are first shown. */
const NOTE_ENGINE_PHASE_AT_PUBLISHED = `new MutationObserver((_, observer) => {
	if (!document.querySelector('[data-testid="dashboard"][data-source="published"] [data-testid="kpi-card"]')) return;
	window.enginePhaseAtPublished = document.querySelector('[data-testid="engine-status"]')?.dataset.phase ?? 'none';
	observer.disconnect();
}).observe(document, { subtree: true, childList: true, attributes: true });`;

/** The raw values of one column of a named table, first page. */
function column(page: Page, table: string, col: string): Promise<string[]> {
	return page
		.getByTestId(`table-${table}`)
		.locator(`[data-testid="row"] [data-col="${col}"]`)
		.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value') ?? ''));
}

test('every dashboard shows the figures `cli report` computes on the same seed; filters live in the URL', async ({
	page,
	problems
}) => {
	test.setTimeout(600_000);
	const lake = cliLake();
	await generateAndPublish(page);
	const expected = await cliReports(lake);

	// A first visit (no figures kept) paints the figures the run published with its Gold at once, before
	// the engine has started: the CLI's numbers, for the default filters; then the engine's own replace them.
	await forgetKeptFigures(page);
	await page.addInitScript(NOTE_ENGINE_PHASE_AT_PUBLISHED);
	await page.goto('/');
	await expect(
		page.locator('[data-testid="dashboard"][data-source="published"][data-filters=""]')
	).toBeVisible();
	await expectCards(page, 'overview', expected.overview);
	await liveFigures(page, 'overview', '');
	// Shown before the engine was ready (it starts once the page is idle).
	const phaseThen = await page.evaluate(
		() => (window as { enginePhaseAtPublished?: string }).enginePhaseAtPublished
	);
	expect(['idle', 'starting']).toContain(phaseThen);
	await expectCards(page, 'overview', expected.overview);

	for (const dashboard of Object.keys(PATHS) as DashboardPage[]) {
		await navigate(page, PATHS[dashboard]);
		await liveFigures(page, dashboard, '');
		await expectCards(page, dashboard, expected[dashboard]);
	}
	// A few tables, row by row (every visit after the first goes through the app's router: the engine keeps running).
	await navigate(page, '/sales');
	await liveFigures(page, 'sales', '');
	expect(await column(page, 'top-products-revenue', 'productName')).toEqual(
		expected.sales.topByRevenue.map((p) => p.productName)
	);
	expect((await column(page, 'top-products-revenue', 'revenue')).map(Number)).toEqual(
		expected.sales.topByRevenue.map((p) => p.revenue)
	);
	expect(await column(page, 'regions', 'area')).toEqual(
		expected.sales.regions.slice(0, 10).map((r) => r.area ?? '')
	);
	await navigate(page, '/inventory');
	await liveFigures(page, 'inventory', '');
	await expect(page.getByTestId('alerts-total')).toHaveAttribute(
		'data-value',
		String(expected.inventory.alertCount)
	);

	// A filter: the URL changes, the numbers are the CLI's for the same filter, and a reload keeps both.
	const city = expected.overview.cities[1].city;
	const filtered = await cliReports(lake, '--city', city, '--include-spikes');
	const query = new URLSearchParams({ city, spikes: 'include' }).toString();
	await navigate(page, '/');
	await liveFigures(page, 'overview', '');
	// The flagged spikes are left out by default, and the notice says how many there are.
	const notice = page.getByTestId('spike-notice');
	await expect(notice).toHaveAttribute('data-included', 'false');
	await expect(notice).toHaveAttribute('data-lines', /^[1-9]\d*$/);
	// While the answer comes, the figures keep their style (a cover keeps the clicks off): they dim only once it
	// has taken a quarter second, so a fast answer restyles and repaints nothing.
	const whileLoading = await page.evaluate(async (value) => {
		const cover = () => document.querySelector('[data-testid="dashboard-cover"]');
		const covered = new Promise<Element>((resolve) => {
			const observer = new MutationObserver(() => {
				if (cover()) resolve((observer.disconnect(), cover()!));
			});
			observer.observe(document.body, { childList: true, subtree: true });
		});
		const select = document.querySelector<HTMLSelectElement>('[data-testid="filter-city"]')!;
		select.value = value;
		select.dispatchEvent(new Event('change', { bubbles: true }));
		const block = (await covered).parentElement!;
		const delays = block.getAnimations().map((animation) => animation.effect?.getTiming().delay);
		return { opacity: getComputedStyle(block).opacity, delays };
	}, city);
	expect(whileLoading).toEqual({ opacity: '1', delays: [250] });
	await page.getByTestId('filter-spikes').click();
	await expect(page).toHaveURL(`/?${query}`);
	await liveFigures(page, 'overview', query);
	await expectCards(page, 'overview', filtered.overview);
	expect(filtered.overview.cards.current.revenue).not.toBe(expected.overview.cards.current.revenue);

	// A reload first paints the figures kept for this published run, while the engine starts.
	await page.reload();
	await expect(
		page.locator(`[data-testid="dashboard"][data-source="cache"][data-filters="${query}"]`)
	).toBeVisible();
	await expectCards(page, 'overview', filtered.overview);
	await liveFigures(page, 'overview', query);
	await expect(page.getByTestId('filter-city')).toHaveValue(city);
	await expect(page.getByTestId('filter-spikes')).toHaveAttribute('aria-pressed', 'true');
	await expectCards(page, 'overview', filtered.overview);

	// Back undoes the last filter change.
	await page.goBack();
	await liveFigures(page, 'overview', new URLSearchParams({ city }).toString());

	// Every dashboard fits a desktop and a phone: nothing scrolls sideways, every sorted column shows.
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		for (const dashboard of Object.keys(PATHS) as DashboardPage[]) {
			await navigate(page, PATHS[dashboard]);
			await liveFigures(page, dashboard, '');
			expect(await layoutProblems(page), `${dashboard} at ${width} px`).toEqual([]);
		}
		await navigate(page, '/data-quality');
		await expect(page.getByTestId('quality-score')).toBeVisible({ timeout: 120_000 });
		expect(await layoutProblems(page), `data quality at ${width} px`).toEqual([]);
		await navigate(page, '/lake');
		await expect(page.getByTestId('lake-file').first()).toBeVisible({ timeout: 120_000 });
		expect(await layoutProblems(page), `lake at ${width} px`).toEqual([]);
	}
	expect(problems).toEqual([]);
});
