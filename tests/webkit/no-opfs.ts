/**
 * WebKit without OPFS: WebKitGTK's MiniBrowser (driven by WebKitWebDriver, under xvfb-run) has no Origin
 * Private File System. The app must say so on every page, keep one in-memory lake for the tab, and still
 * run the demo: generate, run the pipeline, and show the Overview's figures, which must equal what
 * `cli report` computes on the same seed. Run after `npm run build`: `xvfb-run -a tsx tests/webkit/no-opfs.ts`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { remote } from 'webdriverio';
import { newCliLake, cliReports } from '../e2e/cli-lake';
import { expectedCards } from '../e2e/kpi-cards';
import { freePort, startPreview, type PreviewServer } from '../firefox/preview-server';

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const SHOTS = 'test-results/webkit';
const MINUTE = 60_000;

/**
 * JavaScriptCore's optimising wasm tier (OMG) off in the browser the driver starts: it spent most of the
 * run compiling DuckDB-WASM's functions, which a short check never pays back (its pipeline 56 → 15 s, the
 * whole check 84 → 43 s). Like the e2e tests' `--liftoff-only` in Chromium; what users run is unchanged.
 */
const BROWSER_ENV = { ...process.env, JSC_useOMGJIT: 'false' };

/** Starts a process and waits until `url` answers; its own server, never one someone left running. */
async function startServer(
	command: string,
	args: string[],
	url: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<ChildProcess> {
	const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
	const exited = new Promise((_, reject) =>
		child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before ${url} answered`)))
	);
	const deadline = Date.now() + MINUTE;
	for (;;) {
		const answered = await Promise.race([
			fetch(url).then(
				(r) => r.status < 500,
				() => false
			),
			exited
		]);
		if (answered) return child;
		if (Date.now() > deadline) throw new Error(`${url} did not answer within a minute`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const step = (what: string) => console.log(`[${elapsed()}] ${what}`);

const driverPort = await freePort();
let preview: PreviewServer | undefined;
let driver: ChildProcess | undefined;
// The figures worked out by a second engine (native DuckDB), on the data the Lake page's defaults make.
const lake = newCliLake('webkit-no-opfs-');
let browser: WebdriverIO.Browser | undefined;
try {
	await mkdir(SHOTS, { recursive: true });
	preview = await startPreview();
	const base = preview.url;
	driver = await startServer(
		'WebKitWebDriver',
		[`--port=${driverPort}`],
		`http://127.0.0.1:${driverPort}/status`,
		BROWSER_ENV
	);
	browser = await remote({
		hostname: '127.0.0.1',
		port: driverPort,
		path: '/',
		logLevel: 'warn',
		// WebKitWebDriver's own capability, which webdriverio's types do not list.
		capabilities: {
			'wdio:enforceWebDriverClassic': true,
			'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] }
		} as WebdriverIO.Capabilities
	});
	const b = browser;
	const attribute = (selector: string, name: string) => b.$(selector).getAttribute(name);
	/**
	 * Waits for the attribute, and stops early when it says `error`. A page that never gets there is kept as a
	 * screenshot, and the error says what the element showed (a failed pipeline's message, a stuck run's step).
	 */
	const waitFor = async (selector: string, name: string, value: string, timeout: number) => {
		let last: string | null = null;
		const settled = async () => {
			last = await attribute(selector, name);
			return last === value || last === 'error';
		};
		const timedOut = await b.waitUntil(settled, { timeout, interval: 1000 }).then(
			() => null,
			(error: unknown) => error
		);
		if (last === value) return;
		const shot = `${SHOTS}/stuck-${selector.replace(/\W+/g, '-')}.png`;
		await b
			.$(selector)
			.scrollIntoView()
			.catch(() => {});
		await b.saveScreenshot(shot).catch(() => {});
		const text = await b
			.$(selector)
			.getText()
			.catch(() => '(unreadable)');
		throw new Error(
			`${selector} never had ${name}="${value}" (last: ${last}; it said "${text}"; screenshot ${shot})`,
			{
				cause: timedOut ?? undefined
			}
		);
	};
	/** Nothing on the page is wider than the window. */
	const fits = async (label: string) => {
		const [scroll, client] = await b.execute(() => [
			document.documentElement.scrollWidth,
			document.documentElement.clientWidth
		]);
		assert.ok(scroll <= client, `${label}: the page scrolls sideways (${scroll} > ${client} px)`);
	};
	const screenshots = async (name: string) => {
		for (const width of [1280, 375]) {
			await b.setWindowSize(width, 900);
			await b.pause(500);
			await fits(`${name} at ${width} px`);
			await b.saveScreenshot(`${SHOTS}/${name}-${width}.png`);
		}
		await b.setWindowSize(1280, 900);
	};
	step(`MiniBrowser ${b.capabilities.browserVersion} started`);
	assert.equal(await b.execute(() => typeof navigator.storage?.getDirectory), 'undefined');

	await b.setWindowSize(1280, 900);
	await b.url(`${base}/lake`);
	const banner = b.$('[data-testid="memory-lake-banner"]');
	await banner.waitForDisplayed({ timeout: MINUTE });
	const text = await banner.getText();
	for (const part of [
		'Not saved: your data is kept in memory only.',
		'This browser lacks the Origin Private File System (OPFS)',
		'lost when you reload or close this tab',
		'use a current Chrome, Edge or Firefox'
	]) {
		assert.ok(text.includes(part), `the banner says "${part}": ${text}`);
	}
	await screenshots('lake-empty');
	step('the banner says what is missing and what to use instead');

	// DuckDB-WASM starts here, slowly: WebKit's compile of its 34 MB wasm takes minutes on a busy machine.
	await waitFor('[data-testid="engine-status"]', 'data-phase', 'ready', 8 * MINUTE);
	const status = await b.$('[data-testid="engine-status"]').getText();
	assert.ok(status.includes('lake lasts until you reload'), status);
	step('the engine is ready');

	await b.$('[data-testid="gen-start"]').click();
	await waitFor('[data-testid="gen-status"]', 'data-phase', 'done', 5 * MINUTE);
	step('generated (generator worker, into the page-held lake)');
	await b.$('[data-testid="pipeline-run"]').click();
	await waitFor('[data-testid="pipeline-status"]', 'data-phase', 'done', 8 * MINUTE);
	step('pipeline done (engine worker, reading the generator’s files)');
	// JavaScriptCore traps in DuckDB-WASM now and then; the engine restarts and the run starts again.
	const restarted = await b.$('[data-testid="pipeline-restarted"]');
	if (await restarted.isExisting()) step(`the engine restarted: ${await restarted.getText()}`);

	// In-app navigation: a reload would empty the lake.
	await b.$('nav a[href="/"]').click();
	const live = '[data-testid="dashboard"][data-page="overview"][data-state="ready"][data-source="live"]';
	await b.$(live).waitForExist({ timeout: 5 * MINUTE });
	const cards = new Map(
		(await b.execute(() =>
			[...document.querySelectorAll('[data-testid="kpi-card"]')].map((card) => [
				card.getAttribute('data-kpi'),
				card.getAttribute('data-value')
			])
		)) as [string, string][]
	);
	const expected = (await cliReports(await lake)).overview;
	for (const [kpi, want] of Object.entries(expectedCards('overview', expected))) {
		const shown = cards.get(kpi);
		assert.notEqual(shown, undefined, `Overview card ${kpi} is shown`);
		if (want === null) assert.equal(shown, '', `Overview card ${kpi}`);
		else
			assert.ok(
				Math.abs(Number(shown) - want) <= 1e-6 * Math.max(1, Math.abs(want)),
				`${kpi}: ${shown} ≠ ${want}`
			);
	}
	assert.ok(expected.cards.current.revenue > 0);
	await banner.waitForDisplayed();
	await screenshots('overview');
	step(`the Overview shows the figures cli report computes (${cards.size} cards); screenshots in ${SHOTS}/`);
	console.log(`webkit no-OPFS check passed in ${elapsed()}`);
} finally {
	await browser?.deleteSession().catch(() => {});
	driver?.kill();
	await preview?.stop();
	await rm(await lake.catch(() => ''), { recursive: true, force: true }).catch(() => {});
}
