import type { BrowserContext, Locator, Page } from '@playwright/test';
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { engineReady, expect, generateAndPublish, recordProblems, test } from './fixtures';
import { layoutProblems } from './layout';

/**
 * Accessibility: axe on every page, empty and with data, at a desktop and a phone width, light and dark, with
 * no violation of any impact allowed (none serious or critical is the floor; every page now has none at all);
 * and the main flow walked with the keyboard alone. The tests share one browser context (its lake), so the data
 * is made once, by the keyboard walk.
 */

interface AppPage {
	path: string;
	/** The sidebar link that leads to it. */
	link: string;
	/** What shows once the page has its data (its figures computed, its rules mined). */
	ready?: string;
}

const DASHBOARD = '[data-testid="dashboard"][data-state="ready"]';
const PAGES: AppPage[] = [
	{ path: '/', link: 'Overview', ready: DASHBOARD },
	{ path: '/sales', link: 'Sales', ready: DASHBOARD },
	{ path: '/inventory', link: 'Inventory', ready: DASHBOARD },
	{ path: '/logistics', link: 'Logistics', ready: DASHBOARD },
	{ path: '/customers', link: 'Customers', ready: DASHBOARD },
	{
		path: '/market-basket',
		link: 'Market Basket',
		ready: '[data-testid="basket-status"][data-phase="ready"]'
	},
	{ path: '/forecast', link: 'Forecast', ready: '[data-testid="forecast-none"]' },
	{ path: '/anomalies', link: 'Anomalies', ready: DASHBOARD },
	{ path: '/fraud', link: 'Fraud', ready: DASHBOARD },
	{ path: '/ask', link: 'Ask the data' },
	{ path: '/data-quality', link: 'Data Quality', ready: '[data-testid="quality-score"]' },
	{ path: '/lake', link: 'Lake', ready: '[data-testid="lake-file"]' },
	{ path: '/storage', link: 'Storage, privacy and security' }
];
const WIDTHS = [1280, 375];
const THEMES = ['light', 'dark'] as const;
/** Axe's rules that judge colours (`cat.color`, less the AAA contrast rule it leaves off by default). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

let context: BrowserContext;
let page: Page;
let problems: string[];
/** Whether this context's lake has Gold (the keyboard walk made it, or a test that needed it). */
let hasData = false;

test.beforeAll(async ({ browser }) => {
	// Reduced motion: theme changes apply at once (no colour transition under axe), and the app must honour it.
	context = await browser.newContext({ reducedMotion: 'reduce' });
	page = await context.newPage();
	problems = recordProblems(context, page);
});

test.afterAll(async () => {
	await context.close();
});

test.afterEach(() => {
	expect(problems).toEqual([]);
});

/** Opens the app once per context; later visits go through its links. */
async function openApp(path = '/'): Promise<void> {
	if (page.url() === 'about:blank') {
		await page.goto(path);
		await engineReady(page);
	}
}

/** Makes data once per context, when the keyboard walk has not. */
async function ensureData(): Promise<void> {
	if (hasData) return;
	await page.setViewportSize({ width: 1280, height: 900 });
	await generateAndPublish(page);
	hasData = true;
}

/** Goes to a page the way a user does, through the sidebar or the phone's menu (no reload: the engine keeps running). */
async function visit(target: AppPage): Promise<void> {
	const menu = page.getByRole('button', { name: 'Menu' });
	if (await menu.isVisible()) await menu.click();
	await page.getByRole('link', { name: target.link, exact: true }).first().click();
	await expect(page).toHaveURL(target.path);
}

async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
	const toggle = page.getByTestId('theme-toggle');
	if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
	await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
}

/** Waits until nothing on the page is loading: the engine ready, no busy region, no detection running. */
async function settled(ready: string | undefined): Promise<void> {
	await engineReady(page);
	if (ready) await expect(page.locator(ready).first()).toBeVisible({ timeout: 180_000 });
	await expect(page.locator('[aria-busy="true"]:visible, [data-testid="detection-status"]')).toHaveCount(0, {
		timeout: 180_000
	});
}

/**
 * Axe's violations on the page as shown, of any impact: per rule, its impact and up to five offending elements,
 * each with axe's reason (e.g. the colours and ratio of a contrast failure). `colourOnly` runs only the rules a
 * theme can change (axe's colour category, the default-enabled ones): the second theme of a page shows the
 * same elements in other colours, so the other rules would only repeat the first theme's findings. Axe reports
 * violations alone (its passes take as long again to describe).
 *
 * Axe (axe-core) runs in the page: its source goes in once per document (the app's links navigate without a
 * reload). `@axe-core/playwright` injected it again for every audit: 0.6–4 s each, so the 26 audits with data
 * at 1280 px took 75 s against 20 s now.
 */
async function axeViolations({ colourOnly }: { colourOnly: boolean }): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	const options: RunOptions = {
		resultTypes: ['violations'],
		...(colourOnly ? { runOnly: { type: 'rule', values: COLOUR_RULES } } : {})
	};
	const { violations } = (await page.evaluate(
		(options) => (window as unknown as { axe: typeof axe }).axe.run(document, options),
		options
	)) as AxeResults;
	return violations.map(
		(v) =>
			`${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}` +
			v.nodes
				.slice(0, 5)
				.map((n) => `\n    ${n.target.join(' ')}: ${[...n.any, ...n.all, ...n.none][0]?.message ?? ''}`)
				.join('')
	);
}

/**
 * An empty lake's page: its heading, its sidebar link marked current, and (every page that shows the lake's
 * data) an empty state that says where data comes from, with a link there.
 */
async function expectEmptyPage(target: AppPage): Promise<void> {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.link);
	await expect(page.locator('#app-menu a[aria-current="page"]')).toHaveAttribute('href', target.path);
	if (target.path === '/storage') return;
	const empty = page.getByTestId('empty-state');
	await expect(empty).toBeVisible();
	if (target.path === '/lake') return;
	await expect(empty).toContainText('Lake page');
	await expect(empty.getByRole('link')).toHaveAttribute('href', '/lake');
}

/**
 * Runs axe on every page at one width, light and dark, and checks nothing scrolls sideways; returns the findings
 * by page and theme.
 */
async function auditEveryPage(width: number, withData: boolean): Promise<Record<string, string[]>> {
	const found: Record<string, string[]> = {};
	await page.setViewportSize({ width, height: 900 });
	for (const target of PAGES) {
		await visit(target);
		const started = Date.now();
		await settled(withData ? target.ready : undefined);
		console.log(`${target.path} ${width}px: settled in ${Date.now() - started} ms`);
		if (!withData) await expectEmptyPage(target);
		for (const theme of THEMES) {
			await setTheme(theme);
			const lines = await axeViolations({ colourOnly: theme !== THEMES[0] });
			const where = `${target.path} ${width}px ${theme}`;
			console.log(`${where}: ${lines.length} violated rules`);
			lines.push(...(await layoutProblems(page)).map((problem) => `layout: ${problem}`));
			if (lines.length > 0) {
				console.log(lines.map((line) => `  ${line}`).join('\n'));
				found[where] = lines;
			}
		}
	}
	await setTheme('light');
	return found;
}

for (const width of WIDTHS) {
	test(`every page, empty, at ${width} px, light and dark: its empty state, and no axe violation of any impact`, async () => {
		test.setTimeout(600_000);
		await openApp();
		expect(await auditEveryPage(width, false)).toEqual({});
	});
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(target: Locator, { back = false, max = 60 } = {}): Promise<number> {
	for (let presses = 1; presses <= max; presses++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return presses;
	}
	throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${target}`);
}

test('keyboard only: generate, run the pipeline, open a dashboard, filter it, open and close a KPI’s detail', async () => {
	test.setTimeout(600_000);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/lake');
	await engineReady(page);

	// The first Tab reaches "Skip to content", which moves the focus to the page's content.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();

	const generate = page.getByTestId('gen-start');
	await tabTo(generate);
	// The focus shows as the app's outline; with reduced motion asked for, nothing transitions.
	await expect(generate).toHaveCSS('outline-style', 'solid');
	await expect(generate).toHaveCSS('outline-width', '2px');
	await expect(generate).toHaveCSS('transition-property', 'none');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });

	const run = page.getByTestId('pipeline-run');
	await tabTo(run);
	await page.keyboard.press('Space');
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 300_000
	});
	hasData = true;

	// Back up through the page into the sidebar, and follow its Sales link.
	const sales = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales' });
	await tabTo(sales, { back: true, max: 120 });
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/sales');
	await expect(page.locator(DASHBOARD)).toBeVisible({ timeout: 180_000 });

	// The channel filter: arrow keys change a closed select, and the URL and the figures follow.
	const channel = page.getByTestId('filter-channel');
	await tabTo(channel);
	await page.keyboard.press('ArrowDown');
	await expect(channel).toHaveValue('pos');
	await expect(page).toHaveURL('/sales?channel=pos');
	await expect(page.locator(`${DASHBOARD}[data-filters="channel=pos"]`)).toBeVisible({ timeout: 180_000 });
	await expect(channel).toBeFocused();

	// A KPI card opens its detail as a modal dialog with the focus inside; Escape closes it and gives the focus
	// back to the card.
	const card = page.locator('[data-testid="kpi-card"][data-kpi="revenue"]').getByRole('button');
	await tabTo(card);
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Revenue' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
	// Tab stays inside the modal dialog.
	await page.keyboard.press('Tab');
	expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(card).toBeFocused();
});

for (const width of WIDTHS) {
	test(`every page, with data, at ${width} px, light and dark: no axe violation of any impact`, async () => {
		test.setTimeout(600_000);
		await openApp();
		await ensureData();
		await page.setViewportSize({ width: 1280, height: 900 });
		await visit(PAGES.find((p) => p.path === '/ask')!);
		if ((await page.getByTestId('answer').count()) === 0) {
			await engineReady(page);
			await page.getByTestId('ask-input').fill('revenue by category');
			await page.getByTestId('ask-submit').click();
			await expect(page.getByTestId('answer')).toHaveCount(1, { timeout: 120_000 });
		}
		expect(await auditEveryPage(width, true)).toEqual({});
	});
}
