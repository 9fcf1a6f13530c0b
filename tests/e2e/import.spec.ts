import { join } from 'node:path';
import { engineReady, expect, test } from './fixtures';

const ORIGINAL = join(import.meta.dirname, '../fixtures/import/original');

/**
 * The original system's four exports through the real file chooser: previewed (datasets detected from
 * columns, nothing written yet), confirmed, run; the Overview shows the totals worked out by hand in
 * tests/unit/import/cli-import-original.test.ts (₹12,210 revenue, 7 orders, 3 customers, AOV ₹1,744.29).
 */
test('imports the original system’s exports from the file chooser, and the Overview shows their totals', async ({
	page,
	problems: _problems
}) => {
	await page.goto('/lake');
	await engineReady(page);
	await page
		.getByTestId('import-input')
		.setInputFiles(
			['pos_sales.csv', 'web_orders.json', 'warehouse_inventory.csv', 'shipments.csv'].map((name) =>
				join(ORIGINAL, name)
			)
		);

	const panel = page.getByTestId('import-panel');
	await expect(panel).toHaveAttribute('data-phase', 'ready');
	const file = (name: string) => panel.locator(`[data-testid="import-file"][data-file="${name}"]`);
	await expect(file('warehouse_inventory.csv').getByTestId('import-dataset')).toHaveValue('inventory');
	await expect(file('web_orders.json').getByTestId('import-dataset')).toHaveValue('web_orders');
	// The negative-price line is Silver's to quarantine, not the importer's to reject.
	await expect(file('pos_sales.csv').getByTestId('import-summary')).toHaveAttribute('data-rejected', '0');
	await expect(file('pos_sales.csv').getByTestId('import-sample')).toContainText('INV-000001');
	// Nothing is written before the user confirms.
	await expect(page.getByTestId('lake-tree')).toHaveCount(0);

	await page.getByTestId('import-confirm').click();
	const status = page.getByTestId('import-status');
	await expect(status).toHaveAttribute('data-phase', 'done');
	await expect(status.locator('[data-status="imported"]')).toHaveCount(4);

	await page.getByTestId('import-run-pipeline').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 180_000
	});

	await page.goto('/');
	const card = (kpi: string) => page.locator(`[data-testid="kpi-card"][data-kpi="${kpi}"]`);
	await expect(card('revenue')).toHaveAttribute('data-value', '12210', { timeout: 60_000 });
	await expect(card('orders')).toHaveAttribute('data-value', '7');
	await expect(card('customers')).toHaveAttribute('data-value', '3');
	expect(Number(await card('aov').getAttribute('data-value'))).toBeCloseTo(12210 / 7, 2);
});

/**
 * A UCI Online Retail II export through the file chooser: recognised from its header, imported, run; the
 * Overview shows the totals of tests/unit/import/cli-import-built-in.test.ts in pounds (£343.29 net of
 * £52.25 returns, 7 orders, 4 customers). Screenshots of the panel and the Overview at 1280 and 375 px.
 */
test('imports a UCI Online Retail II export: returns and pounds on the Overview', async ({
	page,
	problems: _problems
}, testInfo) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/lake');
	await engineReady(page);
	await page
		.getByTestId('import-input')
		.setInputFiles(join(import.meta.dirname, '../fixtures/import/uci/online_retail_II.csv'));
	const panel = page.getByTestId('import-panel');
	await expect(panel).toHaveAttribute('data-phase', 'ready');
	await expect(panel.getByTestId('import-origin')).toContainText('UCI Online Retail II');
	await expect(panel.getByTestId('import-origin')).toContainText('GBP');
	await expect(panel.getByTestId('import-dataset')).toHaveValue('pos_sales');
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await panel.screenshot({ path: testInfo.outputPath(`import-panel-uci-${width}.png`) });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-status')).toHaveAttribute('data-phase', 'done');
	await page.getByTestId('import-run-pipeline').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 180_000
	});

	await page.goto('/');
	const card = (kpi: string) => page.locator(`[data-testid="kpi-card"][data-kpi="${kpi}"]`);
	await expect(card('revenue')).toHaveAttribute('data-value', '343.29', { timeout: 60_000 });
	await expect(card('orders')).toHaveAttribute('data-value', '7');
	await expect(card('customers')).toHaveAttribute('data-value', '4');
	await expect(card('returns')).toHaveAttribute('data-value', '52.25');
	await expect(card('revenue')).toContainText('£343.29');
	await expect(page.locator('main')).not.toContainText('₹');
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: testInfo.outputPath(`overview-uci-${width}.png`), fullPage: true });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
	}
});
