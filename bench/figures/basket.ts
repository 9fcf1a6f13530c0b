import { register } from 'node:module';
import type { Page } from '@playwright/test';
import { FPGrowth } from 'node-fpgrowth';
import {
	publishLake,
	TIMEOUT_MS,
	cliPublishedLake,
	median,
	round,
	type BenchContext,
	type Figure
} from '../harness';

const REMINES = 3;

interface BrowserMining {
	/** Reading the transactions and mining them, per "Mine again" (Gold already loaded), in ms. */
	minesMs: number[];
	/** The first visit: from navigation to the rules shown (engine start, Gold load, mining, saving). */
	firstVisitMs: number;
	transactions: number;
	minCount: number;
	rules: number;
}

/** `basket_s`: mining all orders at the default settings on the Market Basket page, median of the re-minings. */
export async function basketSeconds(ctx: BenchContext): Promise<Figure> {
	const run = await browserMining(ctx);
	return {
		value: round(median(run.minesMs) / 1000, 3),
		unit: 's',
		note:
			`${run.transactions.toLocaleString('en')} orders, support ≥ ${run.minCount} orders (chosen from the data), ${run.rules} rules; ` +
			`read + mined ${run.minesMs.join(', ')} ms; first visit ${round(run.firstVisitMs / 1000, 2)} s incl. engine start and Gold load`
	};
}

/**
 * `basket_vs_reference`: our FP-Growth ÷ the npm package node-fpgrowth, both in Node on the same transactions
 * (the CLI's lake of the same seed and scale) at the support the page chose, itemsets of every length,
 * asserted identical; medians of 3.
 */
export async function basketVsReference(ctx: BenchContext): Promise<Figure> {
	const { minCount } = await browserMining(ctx);
	const transactions = await readTransactions(cliPublishedLake(ctx));
	const { fpGrowth } = await import('../../src/lib/basket/fp-growth');
	const { itemsetAt, itemsetKey } = await import('../../src/lib/basket/itemsets');
	const n = transactions.offsets.length - 1;
	const baskets = Array.from({ length: n }, (_, t) =>
		Array.from(transactions.items.subarray(transactions.offsets[t], transactions.offsets[t + 1]))
	);

	const oursMs: number[] = [];
	let ours = new Map<string, number>();
	for (let i = 0; i < ctx.samples(3); i++) {
		const started = performance.now();
		const found = fpGrowth(transactions, { minCount, maxLen: Infinity });
		oursMs.push(performance.now() - started);
		ours = new Map(Array.from(found.counts, (count, k) => [itemsetKey(itemsetAt(found, k)), count]));
	}
	const theirsMs: number[] = [];
	let theirs = new Map<string, number>();
	for (let i = 0; i < ctx.samples(3); i++) {
		const started = performance.now();
		// node-fpgrowth counts ceil(support × n): this support gives exactly minCount.
		const found = await new FPGrowth<number>((minCount - 0.5) / n).exec(baskets);
		theirsMs.push(performance.now() - started);
		theirs = new Map(found.map((itemset) => [itemsetKey(itemset.items), itemset.support]));
	}
	if (!sameItemsets(ours, theirs)) {
		throw new Error(`the itemsets differ: ${ours.size} found here, ${theirs.size} by node-fpgrowth`);
	}
	const [oursMedian, theirsMedian] = [median(oursMs), median(theirsMs)];
	return {
		value: round(oursMedian / theirsMedian, 4),
		unit: 'x',
		note: `${ours.size} identical itemsets (every length) on ${n.toLocaleString('en')} orders at ≥ ${minCount}: ${round(oursMedian, 1)} ms here, ${round(theirsMedian, 1)} ms node-fpgrowth (runs ${oursMs.map((ms) => round(ms, 1)).join(', ')} / ${theirsMs.map((ms) => round(ms, 1)).join(', ')} ms)`
	};
}

function sameItemsets(a: Map<string, number>, b: Map<string, number>): boolean {
	return a.size === b.size && [...a].every(([key, count]) => b.get(key) === count);
}

/** The product-level transactions of a CLI lake's Gold, read by the app's own query on native DuckDB. */
async function readTransactions(dir: string) {
	// The basket modules import their SQL as `?raw`, as Vite does: the CLI's hooks give Node the same.
	register('../../bin/raw-import-hooks.js', import.meta.url);
	const { openNativeLake, publishedRun } = await import('../../src/cli/native-lake');
	const { basketItems, basketTransactions } = await import('../../src/lib/basket/basket-transactions');
	const lake = await openNativeLake(dir, { threads: 1 });
	try {
		const { sql } = await publishedRun(lake);
		const items = await basketItems(sql, 'product');
		return await basketTransactions(sql, 'product', {}, items.length);
	} finally {
		await lake.sql.close();
	}
}

const measured = new WeakMap<BenchContext, Promise<BrowserMining>>();

function browserMining(ctx: BenchContext): Promise<BrowserMining> {
	let run = measured.get(ctx);
	if (!run) {
		run = measureBrowserMining(ctx);
		measured.set(ctx, run);
	}
	return run;
}

/** One profile: a published lake (`publishLake`), then mine on the Market Basket page. */
async function measureBrowserMining(ctx: BenchContext): Promise<BrowserMining> {
	const page = await ctx.newPage();
	try {
		await publishLake(ctx, page);

		const started = Date.now();
		await page.goto(`${ctx.baseUrl}/market-basket`);
		await rulesAtRest(page, null);
		const firstVisitMs = Date.now() - started;
		const minesMs: number[] = [];
		for (let i = 0; i < ctx.samples(REMINES); i++) {
			const before = await page.getByTestId('basket-result').getAttribute('data-mined-at');
			await page.getByTestId('basket-mine').click();
			const result = await rulesAtRest(page, before);
			minesMs.push(Number(result.elapsedTransactions) + Number(result.elapsedMining));
		}
		const result = await page
			.getByTestId('basket-result')
			.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
		return {
			minesMs,
			firstVisitMs,
			transactions: Number(result.transactions),
			minCount: Math.round(Number(result.minSupport) * Number(result.transactions)),
			rules: Number(result.rules)
		};
	} finally {
		await page.close();
	}
}

/** Waits for rules mined after `before` (a `data-mined-at`), at rest; returns the result's data attributes. */
async function rulesAtRest(page: Page, before: string | null): Promise<Record<string, string | undefined>> {
	const fresh = before === null ? '' : `:not([data-mined-at="${before}"])`;
	await page.locator(`[data-testid="basket-result"]${fresh}`).waitFor({ timeout: TIMEOUT_MS });
	await page.locator('[data-testid="basket-status"][data-phase="ready"]').waitFor({ timeout: TIMEOUT_MS });
	return page.getByTestId('basket-result').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
}
