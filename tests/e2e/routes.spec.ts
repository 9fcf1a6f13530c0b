import { engineReady, expect, test } from './fixtures';

const pages = [
	{ path: '/', heading: 'Overview' },
	{ path: '/sales', heading: 'Sales' },
	{ path: '/inventory', heading: 'Inventory' },
	{ path: '/logistics', heading: 'Logistics' },
	{ path: '/customers', heading: 'Customers' },
	{ path: '/market-basket', heading: 'Market Basket' },
	{ path: '/forecast', heading: 'Forecast' },
	{ path: '/anomalies', heading: 'Anomalies' },
	{ path: '/fraud', heading: 'Fraud' },
	{ path: '/ask', heading: 'Ask the data' },
	{ path: '/data-quality', heading: 'Data Quality' }
];

test('every dashboard page shows its empty state on an empty lake, without console errors', async ({
	page,
	problems
}) => {
	// Each page is a fresh load that starts the engine again: up to a minute on a busy machine.
	test.setTimeout(pages.length * 60_000);
	for (const { path, heading } of pages) {
		await page.goto(path);
		await engineReady(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		const empty = page.getByTestId('empty-state');
		await expect(empty).toBeVisible();
		await expect(empty).toContainText('Lake page');
		await expect(empty.getByRole('link')).toHaveAttribute('href', '/lake');
		await expect(page.locator(`nav a[aria-current="page"]`)).toHaveAttribute('href', path);
	}
	expect(problems).toEqual([]);
});

test('the lake page explains an empty lake', async ({ page, problems }) => {
	await page.goto('/lake');
	await engineReady(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lake');
	await expect(page.getByTestId('empty-state')).toContainText('The lake is empty');
	await expect(page.getByTestId('lake-file')).toHaveCount(0);
	expect(problems).toEqual([]);
});

test('the sidebar is keyboard reachable and navigates', async ({ page, problems }) => {
	await page.goto('/');
	await engineReady(page);
	const link = page.getByRole('navigation').getByRole('link', { name: 'Sales' });
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/sales$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales');
	expect(problems).toEqual([]);
});
