import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { seedLake } from './opfs-lake';

/**
 * Records, from now on, the console errors, uncaught exceptions and non-local requests of a context and its
 * page: nothing may fail silently or leave localhost.
 */
export function recordProblems(context: BrowserContext, page: Page): string[] {
	const problems: string[] = [];
	context.on('request', (request) => {
		const url = new URL(request.url());
		const local =
			['localhost', '127.0.0.1'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol);
		if (!local) problems.push(`request left localhost: ${request.url()}`);
	});
	watch(page, problems);
	return problems;
}

/** Every test gets a page whose problems (see recordProblems) are asserted empty when the test ends. */
export const test = base.extend<{ problems: string[] }>({
	problems: async ({ context, page }, use) => {
		const problems = recordProblems(context, page);
		await use(problems);
		expect(problems).toEqual([]);
	}
});

/** Records a page's console errors and uncaught exceptions in `problems` (a second tab's, say). */
export function watch(page: Page, problems: string[]): Page {
	page.on('console', (msg) => {
		if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	return page;
}

export { expect };

/** Waits until the engine worker reports ready (DuckDB started, lake opened): minutes on a busy shared machine. */
export async function engineReady(page: Page): Promise<void> {
	await expect(page.getByTestId('engine-status')).toHaveAttribute('data-phase', 'ready', {
		timeout: 180_000
	});
}

/** On the Lake page: generates data with its defaults and runs the pipeline, waiting for both to finish. */
export async function generateAndPublish(page: Page): Promise<void> {
	await page.goto('/lake');
	await engineReady(page);
	await page.getByTestId('gen-start').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
	await page.getByTestId('pipeline-run').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 300_000
	});
}

/**
 * Opens the Lake page on a copy of a lake the CLI generated and ran the pipeline on (`cliLake`): the state
 * `generateAndPublish` leaves, for tests about what comes after a run, without the browser making the data.
 */
export async function openSeededLake(page: Page, lake: string): Promise<void> {
	await seedLake(page, lake);
	await page.goto('/lake');
	await engineReady(page);
}

/** Runs SQL through the Lake page's SQL box and returns the result table's rows as text cells. */
export async function runSql(page: Page, sql: string): Promise<string[][]> {
	const output = page.getByTestId('sql-output');
	await expect(output).toHaveAttribute('aria-busy', 'false');
	const before = Number(await output.getAttribute('data-run'));
	await page.getByTestId('sql-input').fill(sql);
	await page.getByTestId('sql-run').click();
	await expect(output).toHaveAttribute('data-run', String(before + 1));
	await expect(page.getByTestId('sql-error')).toHaveCount(0);
	return page
		.getByTestId('sql-result')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? ''))
		);
}

/** The Overview's KPI cards (`data-kpi` → `data-value`) once the engine's own figures are in. */
export async function overviewCards(page: Page): Promise<Record<string, string | null>> {
	await page.goto('/');
	await expect(
		page.locator('[data-testid="dashboard"][data-state="ready"][data-source="live"][data-filters=""]')
	).toBeVisible({ timeout: 120_000 });
	const cards = await page
		.getByTestId('kpi-card')
		.evaluateAll((els) => els.map((el) => [el.getAttribute('data-kpi'), el.getAttribute('data-value')]));
	return Object.fromEntries(cards);
}
