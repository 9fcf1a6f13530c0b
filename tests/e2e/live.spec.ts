import type { Page } from '@playwright/test';
import { engineReady, expect, generateAndPublish, test } from './fixtures';

/** Every raw web order file's text, read by the page straight from OPFS. */
function rawWebOrders(page: Page): Promise<Record<string, string>> {
	return page.evaluate(async () => {
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		const folder = await (await lake.getDirectoryHandle('raw')).getDirectoryHandle('web_orders');
		const files: Record<string, string> = {};
		// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
		for await (const [name, handle] of folder.entries()) files[name] = await (await handle.getFile()).text();
		return files;
	}, undefined);
}

/** Distinct `order_id`s of NDJSON text, parsed here (Node), not by the app. */
function orderIds(text: string): Set<string> {
	const ids = new Set<string>();
	for (const line of text.split('\n'))
		if (line.trim()) ids.add((JSON.parse(line) as { order_id: string }).order_id);
	return ids;
}

/** Client-side navigation (the app, and live mode with it, stays loaded), with the dashboard filters in the URL. */
async function navigate(page: Page, url: string): Promise<void> {
	await page.evaluate((href) => {
		const link = Object.assign(document.createElement('a'), { href });
		document.body.append(link);
		link.click();
		link.remove();
	}, url);
}

/**
 * Records, every 20 ms and with the time, each value the Overview's orders card shows and each live batch the
 * page reports (`data-written-at`: when its file landed in the lake), across client-side navigations.
 */
async function startRecorder(page: Page): Promise<void> {
	await page.evaluate(() => {
		const log = { cards: [] as { value: number; at: number }[], batches: [] as { writtenAt: number }[] };
		Object.assign(window, { liveLog: log });
		setInterval(() => {
			const card = document.querySelector('[data-testid="kpi-card"][data-kpi="orders"]');
			const value = Number(card?.getAttribute('data-value'));
			if (card && value !== log.cards.at(-1)?.value) log.cards.push({ value, at: Date.now() });
			const writtenAt = Number(document.querySelector('[data-written-at]')?.getAttribute('data-written-at'));
			if (writtenAt && writtenAt !== log.batches.at(-1)?.writtenAt) log.batches.push({ writtenAt });
		}, 20);
	});
}

test('live mode streams web orders onto the Overview without a reload, and stops published and consistent', async ({
	page,
	problems
}) => {
	test.setTimeout(600_000);
	await generateAndPublish(page);
	const generated = orderIds(Object.values(await rawWebOrders(page))[0]);

	await startRecorder(page);
	await page.getByTestId('live-start').click();
	await expect(page.getByTestId('live-status')).not.toHaveAttribute('data-phase', 'off');
	await navigate(page, '/?channel=web&spikes=include');
	const figures = page.getByTestId('live-figures');
	// Four batches published while the Overview is open.
	await expect(figures).toHaveAttribute('data-batches', /^([4-9]|\d\d+)$/, { timeout: 180_000 });
	const leftAt = await page.evaluate(() => Date.now());

	// Stop on the Lake page: the batch in flight finishes and is published.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Lake', exact: true })
		.click();
	await page.getByTestId('live-stop').click();
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-phase', 'off', { timeout: 120_000 });
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done');

	// Counted from the raw files: the generated orders, then each live batch's, in order.
	const files = await rawWebOrders(page);
	const liveFiles = Object.keys(files)
		.filter((name) => name.startsWith('live-'))
		.sort();
	const batches = Number(await page.getByTestId('live-status').getAttribute('data-batches'));
	expect(liveFiles).toHaveLength(batches);
	const expected: number[] = [];
	const all = new Set(generated);
	for (const name of liveFiles) {
		for (const id of orderIds(files[name])) all.add(id);
		expected.push(all.size);
	}

	// Each batch that landed while the Overview was open (and stayed open 10 s more) showed its orders there
	// within 10 s.
	const log = (await page.evaluate(() => (window as unknown as { liveLog: unknown }).liveLog)) as {
		cards: { value: number; at: number }[];
		batches: { writtenAt: number }[];
	};
	const overviewOpen = log.cards[0].at;
	const timed = log.batches.flatMap(({ writtenAt }, i) => {
		if (writtenAt < overviewOpen || writtenAt + 10_000 > leftAt) return [];
		const shown = log.cards.find((card) => card.value >= expected[i] && card.at >= writtenAt);
		return [{ batch: i + 1, ms: shown ? shown.at - writtenAt : Infinity }];
	});
	expect(timed.length, JSON.stringify(log)).toBeGreaterThanOrEqual(1);
	for (const { batch, ms } of timed) expect(ms, `batch ${batch}`).toBeLessThan(10_000);

	// The lake is published and consistent: the Overview's web orders are every order in the raw files.
	await navigate(page, '/?channel=web&spikes=include');
	await engineReady(page);
	await expect(page.locator('[data-testid="kpi-card"][data-kpi="orders"]')).toHaveAttribute(
		'data-value',
		String(all.size),
		{ timeout: 60_000 }
	);
	expect(all.size).toBeGreaterThan(generated.size);
	expect(problems).toEqual([]);
});
