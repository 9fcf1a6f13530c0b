import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { engineReady, expect, test } from './fixtures';

// Served through the app's service worker, as a visitor gets it (the e2e default blocks it).
test.use({ serviceWorkers: 'allow' });

const ORIGINAL = join(import.meta.dirname, '../fixtures/import/original');
const OWN = join(import.meta.dirname, '../fixtures/import/own');

/**
 * With the network off after the first visit: the original system's four exports and a shop's own CSV
 * through the real file chooser, an app's NDJSON orders by a real drop, previewed (datasets detected from
 * columns, nothing written yet), confirmed, run. The Overview shows the totals worked out by hand: the
 * original's ₹12,210 over 7 orders and 3 customers (tests/unit/import/cli-import-original.test.ts), plus
 * shop-sales.csv's 1 × 1,500 + 2 × 450 + 1 × 650 = ₹3,050 over S-1001 and S-1002 (CUST-0101, -0102) and
 * app-orders.ndjson's 1 × 480 + 3 × 610.50 = ₹2,311.50 over APP-1 and APP-2 (CUST-0102, -0103):
 * ₹17,571.50, 11 orders, 6 customers, AOV ₹1,597.41.
 */
test('imports files offline, from the file chooser and by drag and drop, and the Overview shows their totals', async ({
	page,
	context,
	problems: _problems
}) => {
	await page.goto('/lake');
	await engineReady(page);
	// The first visit installs the service worker, which precaches the app: from here on, no network.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	await page.reload();
	await engineReady(page);

	const chooser = page.waitForEvent('filechooser');
	await page.getByText('Choose files', { exact: true }).click();
	await (
		await chooser
	).setFiles([
		...['pos_sales.csv', 'web_orders.json', 'warehouse_inventory.csv', 'shipments.csv'].map((name) =>
			join(ORIGINAL, name)
		),
		join(OWN, 'shop-sales.csv')
	]);
	const panel = page.getByTestId('import-panel');
	await expect(panel).toHaveAttribute('data-phase', 'ready');

	// A drop event whose DataTransfer, built in the page, carries the file, as a drag from the desktop does.
	const ndjson = await readFile(join(OWN, 'app-orders.ndjson'), 'utf8');
	const dataTransfer = await page.evaluateHandle((text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], 'app-orders.ndjson', { type: 'application/x-ndjson' }));
		return transfer;
	}, ndjson);
	await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer });
	await expect(panel.getByTestId('import-file')).toHaveCount(6);
	await expect(panel).toHaveAttribute('data-phase', 'ready');

	const file = (name: string) => panel.locator(`[data-testid="import-file"][data-file="${name}"]`);
	await expect(file('warehouse_inventory.csv').getByTestId('import-dataset')).toHaveValue('inventory');
	await expect(file('web_orders.json').getByTestId('import-dataset')).toHaveValue('web_orders');
	await expect(file('shop-sales.csv').getByTestId('import-dataset')).toHaveValue('pos_sales');
	await expect(file('app-orders.ndjson').getByTestId('import-dataset')).toHaveValue('web_orders');
	// The negative-price line is Silver's to quarantine, not the importer's to reject.
	await expect(file('pos_sales.csv').getByTestId('import-summary')).toHaveAttribute('data-rejected', '0');
	await expect(file('pos_sales.csv').getByTestId('import-sample')).toContainText('INV-000001');
	// DD/MM dates and ₹ prices with thousands separators, converted.
	await expect(file('shop-sales.csv').getByTestId('import-summary')).toHaveAttribute('data-rejected', '0');
	await expect(file('shop-sales.csv').getByTestId('import-sample')).toContainText('2024-03-15 10:30:00');
	await expect(file('shop-sales.csv').getByTestId('import-sample')).toContainText('1500.00');
	await expect(file('app-orders.ndjson').getByTestId('import-summary')).toHaveAttribute('data-rejected', '0');
	// Nothing is written before the user confirms.
	await expect(page.getByTestId('lake-tree')).toHaveCount(0);

	await page.getByTestId('import-confirm').click();
	const status = page.getByTestId('import-status');
	await expect(status).toHaveAttribute('data-phase', 'done');
	await expect(status.locator('[data-status="imported"]')).toHaveCount(6);

	await page.getByTestId('import-run-pipeline').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 180_000
	});

	await page.goto('/');
	const card = (kpi: string) => page.locator(`[data-testid="kpi-card"][data-kpi="${kpi}"]`);
	await expect(card('revenue')).toHaveAttribute('data-value', '17571.5', { timeout: 60_000 });
	await expect(card('orders')).toHaveAttribute('data-value', '11');
	await expect(card('customers')).toHaveAttribute('data-value', '6');
	expect(Number(await card('aov').getAttribute('data-value'))).toBeCloseTo(17571.5 / 11, 2);
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
