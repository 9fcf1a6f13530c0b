import { cliLake } from './cli-lake';
import { engineReady, expect, openSeededLake, test } from './fixtures';
import {
	batchToScreen,
	navigate,
	ordersAfterEachBatch,
	rawWebOrders,
	startTripRecorder,
	WEB_OVERVIEW
} from './live-trip';

test('live mode streams web orders onto the Overview without a reload, and stops published and consistent', async ({
	page,
	problems
}) => {
	test.setTimeout(600_000);
	await openSeededLake(page, cliLake());

	await startTripRecorder(page);
	await page.getByTestId('live-start').click();
	await expect(page.getByTestId('live-status')).not.toHaveAttribute('data-phase', 'off');
	await navigate(page, WEB_OVERVIEW);
	// Five batches published while the Overview is open, and every one of them on its orders card before it is
	// left: the card reaches the orders of the raw files as they stand then (counted in Node).
	await expect(page.getByTestId('live-figures')).toHaveAttribute('data-batches', /^([5-9]|\d\d+)$/, {
		timeout: 180_000
	});
	const landed = ordersAfterEachBatch(await rawWebOrders(page)).after;
	const card = page.locator('[data-testid="kpi-card"][data-kpi="orders"]');
	await expect
		.poll(async () => Number(await card.getAttribute('data-value')), { timeout: 120_000 })
		.toBeGreaterThanOrEqual(landed.at(-1)!);
	const leftAt = await page.evaluate(() => Date.now());

	// Stop on the Lake page: the batch in flight finishes and is published.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Lake', exact: true })
		.click();
	await page.getByTestId('live-stop').click();
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-phase', 'off', { timeout: 120_000 });
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done');

	// Counted from the raw files in Node: the generated web orders, then after each live batch.
	const files = await rawWebOrders(page);
	const { generated, after } = ordersAfterEachBatch(files);
	expect(after).toHaveLength(Number(await page.getByTestId('live-status').getAttribute('data-batches')));

	// Each batch that landed while the Overview was open showed its orders there within 10 s; but the first: its
	// run shares the engine with the Overview's first load (figures, detection). The test runs after every
	// other spec (playwright.config.ts): beside another test on two cores, a trip took up to 10.4 s.
	const trips = (await batchToScreen(page, after, leftAt, 0))
		.slice(1)
		.filter(({ batch }) => batch <= landed.length);
	expect(trips.length).toBeGreaterThanOrEqual(3);
	for (const { batch, ms } of trips)
		expect(ms, `batch ${batch} of ${JSON.stringify(trips)}`).toBeLessThan(10_000);
	console.log(`live batch → Overview: ${trips.map(({ batch, ms }) => `#${batch} ${ms} ms`).join(', ')}`);

	// The lake is published and consistent: the Overview's web orders are every order in the raw files.
	await navigate(page, WEB_OVERVIEW);
	await engineReady(page);
	await expect(page.locator('[data-testid="kpi-card"][data-kpi="orders"]')).toHaveAttribute(
		'data-value',
		String(after.at(-1)),
		{ timeout: 60_000 }
	);
	expect(after.at(-1)).toBeGreaterThan(generated);
	expect(problems).toEqual([]);
});
