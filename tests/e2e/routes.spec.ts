import { engineReady, expect, test } from './fixtures';

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
