import type { Page } from '@playwright/test';

/**
 * A live batch's trip from its file landing in the lake to the Overview showing its orders, measured in the
 * page (the live e2e test and the bench's `live_batch_to_screen_ms` share it).
 */

/** Every raw web order file's text by file name, read by the page straight from OPFS. */
export function rawWebOrders(page: Page): Promise<Record<string, string>> {
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
export function orderIds(text: string): Set<string> {
	const ids = new Set<string>();
	for (const line of text.split('\n'))
		if (line.trim()) ids.add((JSON.parse(line) as { order_id: string }).order_id);
	return ids;
}

/** Web orders in the raw files after each live batch (by name, in order), counted in Node: generated ones first. */
export function ordersAfterEachBatch(files: Record<string, string>): { generated: number; after: number[] } {
	const all = new Set<string>();
	for (const [name, text] of Object.entries(files))
		if (!name.startsWith('live-')) for (const id of orderIds(text)) all.add(id);
	const generated = all.size;
	const after: number[] = [];
	for (const name of Object.keys(files)
		.filter((file) => file.startsWith('live-'))
		.sort()) {
		for (const id of orderIds(files[name])) all.add(id);
		after.push(all.size);
	}
	return { generated, after };
}

/** Client-side navigation (the app, and live mode with it, stays loaded), with the dashboard filters in the URL. */
export async function navigate(page: Page, url: string): Promise<void> {
	await page.evaluate((href) => {
		const link = Object.assign(document.createElement('a'), { href });
		document.body.append(link);
		link.click();
		link.remove();
	}, url);
}

/** The Overview with every web order counted: the orders card then counts exactly the raw files' web orders. */
export const WEB_OVERVIEW = '/?channel=web&spikes=include';

export interface TripLog {
	/** Each value the Overview's orders card showed, and when it first did (epoch ms). */
	cards: { value: number; at: number }[];
	/** Each live batch the page reported, by when its file landed in the lake (epoch ms). */
	batches: number[];
}

/** Starts recording, every 20 ms across client-side navigations, the orders card and the live batches. */
export async function startTripRecorder(page: Page): Promise<void> {
	await page.evaluate(() => {
		const log: TripLog = { cards: [], batches: [] };
		Object.assign(window, { liveTrips: log });
		setInterval(() => {
			const card = document.querySelector('[data-testid="kpi-card"][data-kpi="orders"]');
			const value = Number(card?.getAttribute('data-value'));
			if (card && value !== log.cards.at(-1)?.value) log.cards.push({ value, at: Date.now() });
			const writtenAt = Number(document.querySelector('[data-written-at]')?.getAttribute('data-written-at'));
			if (writtenAt && writtenAt !== log.batches.at(-1)) log.batches.push(writtenAt);
		}, 20);
	});
}

/**
 * Milliseconds from each batch landing to the orders card showing at least `after[i]` orders, for the
 * batches that landed while the Overview was open and had `grace` ms of it left before `leftAt`
 * (Infinity when the card never got there).
 */
export async function batchToScreen(
	page: Page,
	after: number[],
	leftAt: number,
	grace: number
): Promise<{ batch: number; ms: number }[]> {
	const log = (await page.evaluate(() => (window as unknown as { liveTrips: TripLog }).liveTrips)) as TripLog;
	const overviewOpen = log.cards[0]?.at ?? Infinity;
	return log.batches.flatMap((writtenAt, i) => {
		if (writtenAt < overviewOpen || writtenAt + grace > leftAt || i >= after.length) return [];
		const shown = log.cards.find((card) => card.value >= after[i] && card.at >= writtenAt);
		return [{ batch: i + 1, ms: shown ? shown.at - writtenAt : Infinity }];
	});
}
