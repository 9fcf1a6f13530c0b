import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { cliLake, cliReports, lakeManifest } from './cli-lake';
import { expectCards } from './dashboard-cards';
import { engineReady, expect, openSeededLake, overviewCards, runSql, test, watch } from './fixtures';
import { commitHeld, installCommitHold } from './hold-commit';
import { layoutProblems } from './layout';
import { navigate } from './live-trip';
import { FACT_SALES, lakeFilesUnder, opfsLakeFingerprints, readLakeText } from './opfs-lake';
import type { LakeManifest } from '../../src/lib/pipeline/types';

/**
 * A moment of an action on the Lake page, as its progress shows it: a progress bar (`bar`, its label) at `at`
 * per cent or more; the pipeline at `step`; the rows a running step `rowsOf` has reported: none, or more than
 * `over`.
 */
interface Moment {
	bar?: string;
	at?: number;
	step?: string;
	rowsOf?: string;
	over?: number;
}

/** Whether the page shows `moment` (runs in the page). */
function shows({ bar, at = 0, step, rowsOf, over }: Moment): boolean {
	if (bar) {
		const value = document.querySelector(`[aria-label="${bar}"]`)?.getAttribute('aria-valuenow');
		if (value == null || Number(value) < at) return false;
	}
	const status = document.querySelector('[data-testid="pipeline-status"]');
	if (step && status?.getAttribute('data-step') !== step) return false;
	if (rowsOf) {
		const row = document.querySelector(`[data-testid="pipeline-steps"] [data-step="${rowsOf}"]`);
		const reported = Number(row?.getAttribute('data-rows') || 0);
		if (status?.getAttribute('data-phase') !== 'running') return false;
		if (over === undefined ? reported !== 0 : reported <= over) return false;
	}
	return true;
}

/**
 * Where a tab is closed: the action it starts on the Lake page, and the moment it closes at: one the page
 * shows, or one that `at(page)`, called before the action starts, resolves at.
 */
interface Interruption {
	name: string;
	start(page: Page): Promise<void>;
	at: Moment | ((page: Page) => Promise<void>);
	/** What else to check on the reopened tab, on the Lake page with the engine ready. */
	then?(page: Page): Promise<void>;
}

const generated = (at: number): Moment => ({ bar: 'Generation progress', at });
const imported = (at: number): Moment => ({ bar: 'Import progress', at });

async function generateSeed(page: Page, seed: string): Promise<void> {
	await page.getByTestId('gen-seed').fill(seed);
	await page.getByTestId('gen-mode-replace').check();
	await page.getByTestId('gen-start').click();
}

const runPipeline = (page: Page) => page.getByTestId('pipeline-run').click();

/** The raw files the lake lists, the generator's truth aside. */
async function rawFiles(page: Page): Promise<string[]> {
	return (await lakeFilesUnder(page, 'raw')).filter((path) => !path.endsWith('_truth.json')).sort();
}

/** Closes `page` and opens a new tab of the same profile (on no page yet). */
async function reopen(context: BrowserContext, page: Page, problems: string[]): Promise<Page> {
	await page.close();
	const next = watch(await context.newPage(), problems);
	return next;
}

/**
 * The published lake as OPFS holds it: the manifest's text, and each table it lists as "<size> <sha256>" of
 * the file at its path (hashed in the page, not taken from the manifest).
 */
async function publishedFiles(page: Page): Promise<{ manifest: string; tables: Record<string, string> }> {
	const manifest = await readLakeText(page, '_manifest.json');
	const tables = Object.entries((JSON.parse(manifest) as LakeManifest).tables);
	const files = await opfsLakeFingerprints(
		page,
		tables.map(([, { path }]) => path)
	);
	return { manifest, tables: Object.fromEntries(tables.map(([name, { path }]) => [name, files[path]])) };
}

// Issue 15, item 2: a tab closed anywhere in generate, pipeline, import or publish loses nothing published.
// The engine worker comes with a hold on the commit (hold-commit.ts), served without the service worker.
test.describe(() => {
	test.use({ serviceWorkers: 'block' });
	test('closing the tab at 11 points of generate, pipeline, import and publish keeps the previous Gold, and the next run publishes', async ({
		page,
		context,
		problems
	}) => {
		test.setTimeout(900_000);
		await installCommitHold(context);
		// Gold A: the Lake page's defaults (seed 42); the data a run interrupted midway brings: seed 7.
		const [lakeA, lakeB] = [cliLake(), cliLake(7)];
		await openSeededLake(page, lakeA);
		const [reportA, reportB] = await Promise.all([cliReports(lakeA), cliReports(lakeB)]);
		const cardsA = await overviewCards(page);
		await expectCards(page, 'overview', reportA.overview);
		expect(reportB.overview.cards.current.revenue).not.toBe(reportA.overview.cards.current.revenue);
		await navigate(page, '/lake');
		await engineReady(page);
		const rawA = await rawFiles(page);
		// Gold A, file by file: each table as the CLI's manifest describes it.
		const goldA = await publishedFiles(page);
		const manifestA = await lakeManifest(lakeA);
		expect(goldA.tables).toEqual(
			Object.fromEntries(
				Object.entries(manifestA.tables).map(([name, t]) => [name, `${t.bytes} ${t.sha256}`])
			)
		);

		const importFile = join(lakeB, 'raw/pos_sales', (await readdir(join(lakeB, 'raw/pos_sales')))[0]);
		const importIt = async (p: Page) => {
			const chooser = p.waitForEvent('filechooser');
			await p.getByText('Choose files', { exact: true }).click();
			await (await chooser).setFiles(importFile);
			await expect(p.getByTestId('import-panel')).toHaveAttribute('data-phase', 'ready');
			await p.getByTestId('import-confirm').click();
		};

		// A fresh tab's SQL console sees every published table from its first query, by its documented name.
		const consoleReadsGold = async (p: Page) => {
			const factRows = manifestA.tables['gold/fact_sales'].rows;
			expect(await runSql(p, 'SELECT count(*)::VARCHAR AS n FROM gold_fact_sales')).toEqual([
				[String(factRows)]
			]);
			await expect(p.getByTestId('console-table')).toContainText(['gold_fact_sales']);
			const file = p.locator(`[data-testid="lake-file"][data-path="${FACT_SALES}"]`);
			await file.getByRole('button', { name: `Query ${FACT_SALES}` }).click();
			await expect(p.getByTestId('sql-input')).toHaveValue('SELECT * FROM gold_fact_sales LIMIT 100;');
			await expect(p.getByTestId('sql-output')).toHaveAttribute('data-run', '2');
			await expect(p.getByTestId('sql-error')).toHaveCount(0);
		};

		// The app shows Gold A's figures; back on the Lake page for what comes next.
		const overviewShowsGoldA = async (p: Page) => {
			expect(await overviewCards(p), 'the Overview').toEqual(cardsA);
			await navigate(p, '/lake');
			await engineReady(p);
		};

		const generating: Interruption[] = [
			{ name: 'generate, 5 %', start: (p) => generateSeed(p, '7'), at: generated(5) },
			{ name: 'generate, 60 %', start: (p) => generateSeed(p, '7'), at: generated(60) }
		];
		const importing: Interruption[] = [{ name: 'import, 10 %', start: importIt, at: imported(10) }];
		const running: Interruption[] = [
			{ name: 'prepare', start: runPipeline, at: { step: 'prepare' } },
			{
				name: 'ingest, first file',
				start: runPipeline,
				at: { step: 'ingest', rowsOf: 'ingest' }
			},
			{ name: 'ingest, a later file', start: runPipeline, at: { rowsOf: 'ingest', over: 0 } },
			{ name: 'Silver', start: runPipeline, at: { step: 'silver' }, then: consoleReadsGold },
			{ name: 'Gold', start: runPipeline, at: { step: 'gold' } },
			{ name: 'quality report', start: runPipeline, at: { step: 'quality' } },
			{
				name: 'publish, before its first table',
				start: runPipeline,
				at: { step: 'publish', rowsOf: 'publish' }
			},
			// Its last writes land in a burst just before the commit: a moment the page shows could come too late.
			{
				name: 'publish, every table written, its commit held',
				start: runPipeline,
				at: commitHeld,
				then: overviewShowsGoldA
			}
		];

		let tab = page;
		const interrupt = async ({ name, start, at, then }: Interruption, ...raw: string[][]) => {
			const startedAt = Date.now();
			if (typeof at === 'function') {
				const reached = at(tab);
				await start(tab);
				await reached;
			} else {
				await start(tab);
				await tab.waitForFunction(shows, at, { polling: 20, timeout: 180_000 });
			}
			tab = await reopen(context, tab, problems);
			await tab.goto('/lake');
			await engineReady(tab);
			expect(await publishedFiles(tab), `the published lake after closing at ${name}`).toEqual(goldA);
			expect(raw, `raw files after closing at ${name}`).toContainEqual(await rawFiles(tab));
			await then?.(tab);
			console.log(`closed at ${name}: Gold A kept (${Date.now() - startedAt} ms)`);
		};

		// A generation closed midway is taken back, or finished when its batch had landed whole.
		const rawSeed7 = rawA.map((path) => path.replace('gen-s42-', 'gen-s7-'));
		for (const point of generating) await interrupt(point, rawA, rawSeed7);
		const raw = await rawFiles(tab);
		for (const point of importing) await interrupt(point, raw);
		// Seed 7's batch replaces the raw files; Gold stays A's until a run publishes.
		await generateSeed(tab, '7');
		await expect(tab.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
		const rawB = await rawFiles(tab);
		expect(rawB).not.toEqual(rawA);
		for (const point of running) await interrupt(point, rawB);

		await runPipeline(tab);
		await expect(tab.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
			timeout: 300_000
		});
		await overviewCards(tab);
		await expectCards(tab, 'overview', reportB.overview);
		// Nothing an interrupted write left behind is in the lake.
		expect((await lakeFilesUnder(tab, 'raw')).filter((path) => path.includes('.tmp'))).toEqual([]);
		expect(await lakeFilesUnder(tab, '_staging')).toEqual([]);
		expect(problems).toEqual([]);
	});
});

/** The KPI cards the Overview shows now (no reload), or null while it is not showing the engine's figures. */
function shownCards(page: Page): Promise<Record<string, string | null> | null> {
	return page.evaluate(() => {
		if (!document.querySelector('[data-testid="dashboard"][data-state="ready"][data-source="live"]'))
			return null;
		const cards = [...document.querySelectorAll('[data-testid="kpi-card"]')];
		return Object.fromEntries(
			cards.map((card) => [card.getAttribute('data-kpi'), card.getAttribute('data-value')])
		);
	});
}

/** Screenshots of `page` at 1280 and 375 px, light and dark, each checked for sideways scrolling. */
async function screenshots(page: Page, name: string, target?: Locator): Promise<void> {
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await target?.scrollIntoViewIfNeeded();
		for (const dark of [false, true]) {
			await page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), dark);
			await page.screenshot({
				path: test.info().outputPath(`${name}-${width}-${dark ? 'dark' : 'light'}.png`)
			});
			expect(await layoutProblems(page), `${name} at ${width} px`).toEqual([]);
		}
	}
	await page.evaluate(() => document.documentElement.classList.remove('dark'));
	await page.setViewportSize({ width: 1280, height: 720 });
}

test('a second tab says a run is in progress in another tab, shows the old Gold whole meanwhile, and the new one once it publishes', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(600_000);
	const lake = cliLake(7);
	await openSeededLake(page, cliLake());
	await generateSeed(page, '7');
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
	const other = watch(await context.newPage(), problems);
	const before = await overviewCards(other);
	await expect(other.getByTestId('other-tab-run')).toHaveCount(0);

	await runPipeline(page);
	const notice = other.getByTestId('other-tab-run');
	await expect(notice).toContainText('A pipeline run is in progress in another tab');
	await screenshots(other, 'other-tab-run');
	await expect(notice).toBeVisible();
	// Until the run publishes, the Overview shows the old Gold whole; then the new one, without a reload.
	const seen: (Record<string, string | null> | null)[] = [];
	while ((await page.getByTestId('pipeline-status').getAttribute('data-phase')) === 'running') {
		seen.push(await shownCards(other));
		await other.waitForTimeout(200);
	}
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done');
	await expect(notice).toHaveCount(0, { timeout: 10_000 });
	// Shown once the engine's figures of the new Gold are in (meanwhile the page says it is loading).
	await expect
		.poll(
			async () => {
				const cards = await shownCards(other);
				return cards !== null && JSON.stringify(cards) !== JSON.stringify(before);
			},
			{ timeout: 120_000 }
		)
		.toBe(true);
	const after = await shownCards(other);
	await expectCards(other, 'overview', (await cliReports(lake)).overview);
	expect(seen.length).toBeGreaterThan(0);
	for (const cards of seen) expect([before, after, null]).toContainEqual(cards);
	expect(seen).toContainEqual(before);
	expect(problems).toEqual([]);
});

/**
 * Limits this origin's storage to what it uses now plus `headroom` bytes (DevTools protocol), or lifts it. The
 * session stays open: detaching it drops the override.
 */
async function limitStorage(page: Page, headroom: number | null): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const origin = new URL(page.url()).origin;
	const { usage = 0 } = await page.evaluate(() => navigator.storage.estimate());
	await cdp.send(
		'Storage.overrideQuotaForOrigin',
		headroom === null ? { origin } : { origin, quotaSize: usage + headroom }
	);
}

const STORAGE_FULL = 'This site’s storage is full: free some space';

test('storage filling up during a generation and a run: a clear message, the published Gold kept, and the app works once there is room', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(900_000);
	const lake = cliLake(7);
	await openSeededLake(page, cliLake());
	const goldA = await overviewCards(page);
	await navigate(page, '/lake');
	await engineReady(page);
	const rawA = await rawFiles(page);

	await limitStorage(page, 2_000_000);
	await generateSeed(page, '7');
	const generation = page.getByTestId('gen-status');
	await expect(generation).toHaveAttribute('data-phase', 'error', { timeout: 180_000 });
	await expect(generation).toContainText(
		`Generating the data failed: Writing to the lake failed: the browser ran out of storage space for this site. ${STORAGE_FULL}`
	);
	await screenshots(page, 'generate-storage-full', generation);
	expect(await rawFiles(page)).toEqual(rawA);

	await limitStorage(page, null);
	await generateSeed(page, '7');
	await expect(generation).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
	await limitStorage(page, 2_000_000);
	await runPipeline(page);
	const run = page.getByTestId('pipeline-status');
	await expect(run).toHaveAttribute('data-phase', 'error', { timeout: 300_000 });
	await expect(run).toContainText('The pipeline run failed');
	await expect(run).toContainText(STORAGE_FULL);
	await screenshots(page, 'pipeline-storage-full', run);

	// A new tab reads the Gold published before, whole; with room again, the run publishes.
	const next = await reopen(context, page, problems);
	expect(await overviewCards(next)).toEqual(goldA);
	await limitStorage(next, null);
	await navigate(next, '/lake');
	await engineReady(next);
	await runPipeline(next);
	await expect(next.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 300_000
	});
	await overviewCards(next);
	await expectCards(next, 'overview', (await cliReports(lake)).overview);
	expect(problems).toEqual([]);
});

test('a SQL console query that runs DuckDB out of memory says so plainly, and the next query runs', async ({
	page,
	problems
}) => {
	test.setTimeout(300_000);
	await page.goto('/lake');
	await engineReady(page);
	// 700 million BIGINTs in one list: 5.2 GiB, past the 3.1 GiB DuckDB-WASM can have.
	await page.getByTestId('sql-input').fill('SELECT length(list(range)) FROM range(700000000)');
	await page.getByTestId('sql-run').click();
	const error = page.getByTestId('sql-error');
	await expect(error).toContainText('The query failed: Out of Memory Error: failed to allocate', {
		timeout: 240_000
	});
	await expect(error).toContainText(
		'DuckDB ran out of the memory this tab can give it: ask for less at once'
	);
	await expect(error).not.toContainText('temp_directory');
	await screenshots(page, 'sql-out-of-memory', error);
	expect(await runSql(page, 'SELECT 6 * 7 AS answer')).toEqual([['42']]);
	expect(problems).toEqual([]);
});
