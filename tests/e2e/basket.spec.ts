import type { Page } from '@playwright/test';
import { cli, cliLake } from './cli-lake';
import { expect, openSeededLake, test } from './fixtures';

interface CliRules {
	rule_count: number;
	min_count: number;
	rules: { antecedents: string[]; consequents: string[]; lift: number }[];
}

/** `cli basket --json` over a lake the CLI generated (the Lake page's defaults) and ran the pipeline on. */
async function cliRules(lake: string, ...args: string[]): Promise<CliRules> {
	return JSON.parse(await cli('basket', '--lake', lake, '--json', ...args)) as CliRules;
}

/** Waits for mined or reopened rules at rest (nothing being read, mined or saved). */
async function rulesAtRest(page: Page): Promise<void> {
	await expect(page.getByTestId('basket-result')).toBeVisible({ timeout: 120_000 });
	await expect(page.getByTestId('basket-status')).toHaveAttribute('data-phase', 'ready', {
		timeout: 120_000
	});
}

/** The first page of the rules table: "antecedents → consequents" and the lift, row by row. */
async function shownRules(page: Page, rows = 10): Promise<{ rule: string; lift: number }[]> {
	const table = page.getByTestId('table-basket-rules');
	const cells = (col: string) =>
		table
			.locator(`[data-testid="row"] [data-col="${col}"]`)
			.evaluateAll((els) => els.map((el) => el.getAttribute('data-value') ?? ''));
	const [antecedents, consequents, lifts] = await Promise.all([
		cells('antecedents'),
		cells('consequents'),
		cells('lift')
	]);
	return antecedents
		.slice(0, rows)
		.map((a, i) => ({ rule: `${a} → ${consequents[i]}`, lift: Number(lifts[i]) }));
}

test('the Market Basket page mines the rules `cli basket` finds, keeps them across a reload, finds a product’s rules, and recomputes stale ones', async ({
	page,
	problems
}) => {
	test.setTimeout(600_000);
	const lake = cliLake();
	await openSeededLake(page, lake);

	// A first visit mines at the default settings, in the basket worker.
	await page.goto('/market-basket');
	await rulesAtRest(page);
	const expected = await cliRules(lake, '--limit', '10');
	const result = page.getByTestId('basket-result');
	await expect(result).toHaveAttribute('data-rules', String(expected.rule_count));
	expect(await shownRules(page)).toEqual(
		expected.rules.map((rule) => ({
			rule: `${rule.antecedents.join(' + ')} → ${rule.consequents.join(' + ')}`,
			lift: expect.closeTo(rule.lift, 9) as unknown as number
		}))
	);
	await expect(page.getByTestId('basket-live-count')).toHaveAttribute(
		'data-count',
		String(expected.rule_count)
	);

	// A reload reopens the saved rules: no mining, the same result.
	const minedAt = await result.getAttribute('data-mined-at');
	await page.reload();
	await rulesAtRest(page);
	await expect(result).toHaveAttribute('data-mined-at', minedAt!);
	await expect(result).toHaveAttribute('data-rules', String(expected.rule_count));

	// A product search keeps only the rules that name it.
	await page.getByTestId('basket-search').fill('olive oil');
	const found = await shownRules(page, 100);
	expect(found.length).toBeGreaterThan(0);
	for (const { rule } of found) expect(rule).toContain('Olive Oil');
	await expect(page.getByTestId('basket-found')).toHaveAttribute('data-count', String(found.length));

	// A stricter lift filters the mined rules at once, exactly, and lives in the URL.
	await page.getByTestId('basket-lift').fill('5');
	await page.getByTestId('basket-lift').press('Enter');
	await expect(page).toHaveURL(/[?&]lift=5(&|$)/);
	const strict = await cliRules(lake, '--min-lift', '5', '--min-support', String(expected.min_count));
	await expect(page.getByTestId('basket-live-count')).toHaveAttribute(
		'data-count',
		String(strict.rule_count)
	);
	await expect(page.getByTestId('basket-live-count')).toHaveAttribute('data-exact', 'true');
	await expect(result).toHaveAttribute('data-mined-at', minedAt!);

	// The orders behind the strongest rule of a product are as many as the rule counts.
	const rule = page.getByTestId('basket-bought-with-rule').first();
	await expect(rule).toBeVisible();
	const count = Number((await rule.innerText()).match(/([\d,]+) orders/)![1].replaceAll(',', ''));
	await expect(page.getByTestId('basket-supporting')).toHaveAttribute('data-total', String(count));

	// A new pipeline run makes the saved rules stale: the page says so and recomputes on request.
	const firstRun = await result.getAttribute('data-run');
	await page.goto('/lake');
	await page.getByTestId('pipeline-run').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 300_000
	});
	await page.goto('/market-basket');
	await expect(page.getByTestId('basket-stale')).toBeVisible({ timeout: 120_000 });
	await expect(result).toHaveAttribute('data-run', firstRun!);
	await page.getByTestId('basket-stale').getByRole('button', { name: 'Recompute' }).click();
	await expect(page.getByTestId('basket-stale')).toHaveCount(0, { timeout: 120_000 });
	await rulesAtRest(page);
	expect(await result.getAttribute('data-run')).not.toBe(firstRun);
	// The same data republished: the same rules at the default settings (a plain URL).
	await expect(result).toHaveAttribute('data-rules', String(expected.rule_count));
	expect(problems).toEqual([]);
});
