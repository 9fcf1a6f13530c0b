import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export interface Firefox {
	browser: Browser;
	page: Page;
	/** Console errors, uncaught exceptions and requests that left localhost, in the order they happened. */
	problems: string[];
	close(): Promise<void>;
}

/**
 * Firefox ESR (`FIREFOX_PATH`, Debian's by default), headless, over WebDriver BiDi, in a profile of its own
 * that lasts until `close`: OPFS, Cache Storage and the service worker survive the test's reloads.
 */
export async function launchFirefox(): Promise<Firefox> {
	const userDataDir = await mkdtemp(join(tmpdir(), 'firefox-profile-'));
	const browser = await puppeteer.launch({
		browser: 'firefox',
		executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
		headless: true,
		protocol: 'webDriverBiDi',
		userDataDir,
		// A wait for a phase is one protocol call for all of its time: the default 180 s cut short the 300 s
		// the pipeline run is given (CI, on a busy machine: "script.callFunction timed out" at 180 s).
		protocolTimeout: 600_000
	});
	const page = await browser.newPage();
	const problems: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		const local =
			['localhost', '127.0.0.1'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol);
		if (!local) problems.push(`request left localhost: ${request.url()}`);
	});
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
	});
	page.on('pageerror', (error) =>
		problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`)
	);
	return {
		browser,
		page,
		problems,
		async close() {
			await browser.close();
			await rm(userDataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Waits until the element with this test id reports `phase` (or 'error', which fails at once with the
 * element's text): the app's long tasks (engine start, generation, pipeline run) all say where they are so.
 */
export async function waitForPhase(
	page: Page,
	testId: string,
	phase: string,
	timeout: number
): Promise<void> {
	const handle = await page
		.waitForFunction(
			(id, wanted) => {
				const el = document.querySelector(`[data-testid="${id}"]`);
				const now = el?.getAttribute('data-phase');
				return now === wanted || now === 'error' ? { now, text: el!.textContent?.trim() ?? '' } : null;
			},
			{ timeout, polling: 500 },
			testId,
			phase
		)
		.catch(async (error: unknown) => {
			const [now, text] = await page
				.$eval(`[data-testid="${testId}"]`, (el) => [el.getAttribute('data-phase'), el.textContent?.trim()])
				.catch(() => ['(not on the page)', '']);
			throw new Error(`${testId} still reports ${now} instead of ${phase}: ${text}`, { cause: error });
		});
	const { now, text } = (await handle.jsonValue()) as { now: string; text: string };
	if (now !== phase) throw new Error(`${testId} reports ${now} instead of ${phase}: ${text}`);
}

/** Every KPI card on the page: its `data-kpi` and raw `data-value`. */
export async function kpiCards(page: Page): Promise<Map<string, string>> {
	const cards = await page.$$eval('[data-testid="kpi-card"]', (els) =>
		els.map((el) => [el.getAttribute('data-kpi') ?? '', el.getAttribute('data-value') ?? ''] as const)
	);
	return new Map(cards);
}
