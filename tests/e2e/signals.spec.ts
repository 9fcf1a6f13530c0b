import type { Page } from '@playwright/test';
import { cli, cliLake } from './cli-lake';
import { expect, openSeededLake, test } from './fixtures';

interface CliSignals {
	anomalies: { found: number; evaluation: { recall: number; precision: number } };
	fraud: { scored: number; flagged: number; queue: { orderId: string; customerId: string; score: number }[] };
}

interface CliReport {
	pages: {
		overview?: { cards: { current: { revenue: number; orders: number } } };
		sales?: { categories: { category: string; revenue: number }[] };
	};
}

async function report(lake: string, ...args: string[]): Promise<CliReport> {
	return JSON.parse(await cli('report', '--lake', lake, '--json', ...args)) as CliReport;
}

async function dashboardReady(page: Page, name: string): Promise<void> {
	await expect(page.getByTestId('dashboard')).toHaveAttribute('data-page', name);
	await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

/** Opens a page from the sidebar: the app stays loaded, so the engine keeps its published tables and detection. */
async function open(page: Page, label: string): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: label, exact: true })
		.click();
}

/** Asks a question on the Ask page and returns its answer card once shown. */
async function ask(page: Page, question: string) {
	await page.getByTestId('ask-input').fill(question);
	await page.getByTestId('ask-submit').click();
	const answer = page.locator(`[data-testid="answer"][data-question="${question}"]`);
	await expect(answer).toBeVisible({ timeout: 60_000 });
	return answer;
}

test('Anomalies, Fraud, the executive summary and Ask the data show what `cli signals` and `cli report` compute', async ({
	page,
	problems
}) => {
	test.setTimeout(600_000);
	const lake = cliLake();
	const signals = JSON.parse(await cli('signals', '--lake', lake, '--json', '--limit', '5')) as CliSignals;
	await openSeededLake(page, lake);

	// The first visit starts detection: its steps show, Cancel stops it, and it can start again.
	await open(page, 'Anomalies');
	const detection = page.getByTestId('detection-status');
	await expect(detection).toContainText(/step\s+\d of 8/, { timeout: 120_000 });
	await page.getByTestId('detection-cancel').click();
	await expect(page.getByTestId('dashboard').getByRole('alert')).toContainText('Detection was cancelled', {
		timeout: 60_000
	});
	await expect(detection).toBeHidden();
	await page.getByTestId('report-retry').getByText('Detect again').click();

	// Anomalies: the same count and scores as the CLI; an anomaly opens onto its sales lines.
	await dashboardReady(page, 'anomalies');
	await expect(page.getByTestId('truth')).toHaveAttribute('data-truth', 'planted');
	await expect(page.getByTestId('anomaly-evaluation')).toContainText(
		`Recall ${(signals.anomalies.evaluation.recall * 100).toFixed(1)}%`
	);
	await expect(page.getByTestId('table-anomalies').getByTestId('row').first()).toBeVisible();
	await expect(page.locator('[data-testid="kpi-card"][data-kpi="anomalies"]')).toHaveAttribute(
		'data-value',
		String(signals.anomalies.found)
	);
	await page.getByTestId('table-anomalies').getByTestId('row').first().getByRole('button').click();
	await expect(page.getByTestId('drill-total')).toContainText('sales line');

	// Fraud: the flagged count, the queue's first order, and its customer's history in one click.
	await open(page, 'Fraud');
	await dashboardReady(page, 'fraud');
	await expect(page.getByTestId('fraud-evaluation')).toContainText('Recall 100.0%');
	await expect(page.locator('[data-testid="kpi-card"][data-kpi="flagged"]')).toHaveAttribute(
		'data-value',
		String(signals.fraud.flagged)
	);
	const first = signals.fraud.queue[0];
	const queue = page.getByTestId('table-fraud-queue');
	await expect(queue.locator('[data-testid="row"] [data-col="score"]').first()).toHaveAttribute(
		'data-value',
		String(first.score)
	);
	const row = queue.getByTestId('row').filter({ hasText: first.orderId });
	await row.getByRole('button', { name: new RegExp(first.customerId) }).click();
	await expect(
		page.getByTestId('table-customer-orders').getByTestId('row').first().locator('[data-col="orderId"]')
	).toHaveAttribute('data-value', first.orderId);

	// The executive summary on the Overview: computed insights, each with a link.
	await open(page, 'Overview');
	await expect(page.getByTestId('executive-summary')).toHaveAttribute('data-state', 'ready', {
		timeout: 120_000
	});
	expect(await page.getByTestId('insight').count()).toBeGreaterThanOrEqual(3);

	// Ask the data: three questions, answered as cli report computes them.
	await open(page, 'Ask the data');
	const pune = await report(
		lake,
		'--page',
		'overview',
		'--city',
		'Pune',
		'--from',
		'2025-10-01',
		'--to',
		'2025-12-31'
	);
	const revenue = await ask(page, 'revenue in Pune in Q4 2025');
	const value = Number(await revenue.getByTestId('answer-value').getAttribute('data-value'));
	expect(value).toBeCloseTo(pune.pages.overview!.cards.current.revenue, 2);
	await expect(revenue.getByTestId('answer-sql')).toContainText('gold_fact_sales');

	const web = await report(
		lake,
		'--page',
		'overview',
		'--channel',
		'web',
		'--from',
		'2025-01-01',
		'--to',
		'2025-12-31'
	);
	const orders = await ask(page, 'online orders in 2025');
	expect(Number(await orders.getByTestId('answer-value').getAttribute('data-value'))).toBe(
		web.pages.overview!.cards.current.orders
	);

	const sales = await report(lake, '--page', 'sales', '--from', '2024-01-01', '--to', '2024-12-31');
	const byCategory = await ask(page, 'revenue by category in 2024');
	const rows = byCategory.getByTestId('table-answer').getByTestId('row');
	const shown = await rows.evaluateAll((trs) =>
		trs.map((tr) => ({
			category: tr.querySelector('[data-col="label"]')?.getAttribute('data-value') ?? '',
			revenue: Number(tr.querySelector('[data-col="value"]')?.getAttribute('data-value'))
		}))
	);
	const expected = sales.pages.sales!.categories;
	expect(shown.map((r) => r.category).sort()).toEqual(expected.map((c) => c.category).sort());
	for (const row of shown) {
		expect(row.revenue).toBeCloseTo(expected.find((c) => c.category === row.category)!.revenue, 2);
	}

	// A question it cannot read says so, with suggestions.
	const nonsense = await ask(page, 'what is the meaning of life');
	await expect(nonsense.getByTestId('not-understood')).toContainText('"meaning"');
	expect(problems).toEqual([]);
});
