import type { Page } from '@playwright/test';
import type { StatementTiming } from '../../src/lib/sql/statement-timings';
import { forgetKeptFigures } from '../../tests/e2e/kept-figures';
import { isTenMillion, publishLake, median, type BenchContext, type Figure } from '../harness';

const PAGES = ['/', '/sales', '/inventory', '/logistics', '/customers'];
const COLD_STARTS = 5;
const FIRST_VISITS = 3;

interface DashboardRuns {
	/** From a filter control's change to the page showing the numbers for the new filters, painted. */
	filterChangesMs: number[];
	/** The page and filter of each change, in the order of `filterChangesMs`. */
	changes: { page: string; filter: string; what: string }[];
	/** The engine's statements of each change's report (none for an answer the page already had). */
	statements: StatementTiming[][];
	/** From navigation start (a reload) to the first KPI number painted. */
	coldStartsMs: number[];
	/** From navigation start (a reload) to the engine's own figures painted. */
	liveStartsMs: number[];
	/** The Overview opened after the run with no figures kept: navigation start → first KPI number painted. */
	firstVisitsMs: number[];
	/** Where each first visit's first numbers came from (`data-source`), and when the engine's were painted. */
	firstVisitSources: string[];
	firstVisitLiveMs: number[];
}

function p95(ms: number[]): number {
	const sorted = [...ms].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]);
}

/** p95 of the changes grouped by `key` (a page, a filter): `a 310, b 420`. */
function p95By(ms: number[], keys: string[]): string {
	const groups = new Map<string, number[]>();
	keys.forEach((key, i) => groups.set(key, [...(groups.get(key) ?? []), ms[i]]));
	return [...groups].map(([key, group]) => `${key} ${p95(group)}`).join(', ');
}

/**
 * How the changes the engine answered split between its statements and the rest (the page, the messages to and
 * from the worker, the paint): `engine answered 40: statements median 120 ms, the rest median 95 ms`.
 */
function engineShare(ms: number[], statements: StatementTiming[][]): string {
	const answered = statements.flatMap((timings, i) =>
		timings.length ? [{ engineMs: timings.reduce((sum, timing) => sum + timing.ms, 0), changeMs: ms[i] }] : []
	);
	if (answered.length === 0) return 'no change was answered by the engine';
	const engineMs = median(answered.map((change) => change.engineMs));
	const restMs = median(answered.map((change) => change.changeMs - change.engineMs));
	return `engine answered ${answered.length}: statements median ${Math.round(engineMs)} ms, the rest median ${Math.round(restMs)} ms`;
}

/** The five slowest statements of all the changes: `label (page filter=value) 68 ms`. */
function slowestStatements(statements: StatementTiming[][], changes: DashboardRuns['changes']): string {
	return statements
		.flatMap((timings, i) => timings.map((timing) => ({ ...timing, what: changes[i].what })))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 5)
		.map(
			({ label, count, ms, what }) =>
				`${label}${count > 1 ? ` ×${count}` : ''} (${what}) ${Math.round(ms)} ms`
		)
		.join('; ');
}

/**
 * `dashboard_p95_ms`: p95 over filter changes on every dashboard page; the note adds the p95 per page and per
 * filter kind, the five slowest changes and the five slowest statements the engine ran for them.
 */
export async function dashboardP95(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? null : filterChangesP95(ctx);
}

/** `dashboard_p95_10m_ms`: the same at `--scale 10m` (its budget is 300 ms instead of 100). */
export async function dashboard10mP95(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? filterChangesP95(ctx) : null;
}

async function filterChangesP95(ctx: BenchContext): Promise<Figure> {
	const { filterChangesMs: ms, changes, statements } = await dashboardRuns(ctx);
	const slowest = ms
		.map((changeMs, i) => ({ changeMs, what: changes[i].what }))
		.sort((a, b) => b.changeMs - a.changeMs)
		.slice(0, 5);
	return {
		value: p95(ms),
		unit: 'ms',
		note:
			`${ms.length} filter changes on ${PAGES.length} pages; median ${Math.round(median(ms))} ms; ` +
			`p95 per page: ${p95By(
				ms,
				changes.map((change) => change.page)
			)}; ` +
			`per filter: ${p95By(
				ms,
				changes.map((change) => change.filter)
			)}; ` +
			`${engineShare(ms, statements)}; ` +
			`slowest: ${slowest.map(({ changeMs, what }) => `${what} ${Math.round(changeMs)} ms`).join('; ')}; ` +
			`slowest statements: ${slowestStatements(statements, changes)}`
	};
}

/**
 * `cold_start_ms`: a reload of the Overview with Gold in OPFS → its first KPI number painted, median. The
 * page paints the figures it kept for the published run at once; the engine's own follow (see below).
 */
export async function coldStart(ctx: BenchContext): Promise<Figure> {
	const { coldStartsMs } = await dashboardRuns(ctx);
	return {
		value: Math.round(median(coldStartsMs)),
		unit: 'ms',
		note: `reloads ${coldStartsMs.map(Math.round).join(', ')} ms (figures kept from the last visit)`
	};
}

/** `cold_start_live_ms`: the same reloads → the engine's own figures painted (DuckDB started, Gold loaded, queried). */
export async function coldStartLive(ctx: BenchContext): Promise<Figure> {
	const { liveStartsMs } = await dashboardRuns(ctx);
	return {
		value: Math.round(median(liveStartsMs)),
		unit: 'ms',
		note: `reloads ${liveStartsMs.map(Math.round).join(', ')} ms`
	};
}

/**
 * `first_visit_figures_ms`: the Overview opened right after a run with no figures kept (a first visit): from
 * navigation start to its first KPI number painted, median of three (the engine starts cold each time).
 */
export async function firstVisitFigures(ctx: BenchContext): Promise<Figure> {
	const { firstVisitsMs, firstVisitSources, firstVisitLiveMs } = await dashboardRuns(ctx);
	return {
		value: Math.round(median(firstVisitsMs)),
		unit: 'ms',
		note:
			`first visits ${firstVisitsMs.map(Math.round).join(', ')} ms (no figures kept), first numbers from ` +
			`${[...new Set(firstVisitSources)].join(', ')}; the engine's own at ${firstVisitLiveMs.map(Math.round).join(', ')} ms`
	};
}

const measured = new WeakMap<BenchContext, Promise<DashboardRuns>>();

function dashboardRuns(ctx: BenchContext): Promise<DashboardRuns> {
	let runs = measured.get(ctx);
	if (!runs) {
		runs = measureDashboards(ctx);
		measured.set(ctx, runs);
	}
	return runs;
}

/** One profile: a published lake (`publishLake`), then reload and filter the dashboards. */
async function measureDashboards(ctx: BenchContext): Promise<DashboardRuns> {
	const page = await ctx.newPage();
	try {
		await page.addInitScript(RECORD_FIRST_KPI_PAINT);
		await publishLake(ctx, page);

		const firstVisitsMs: number[] = [];
		const firstVisitSources: string[] = [];
		const firstVisitLiveMs: number[] = [];
		for (let i = 0; i < ctx.samples(FIRST_VISITS); i++) {
			await forgetKeptFigures(page);
			await page.goto(`${ctx.baseUrl}/`);
			firstVisitsMs.push(await paintedAt(page, '__firstKpiMs'));
			firstVisitSources.push(String(await page.evaluate('window.__firstKpiSource')));
			firstVisitLiveMs.push(await paintedAt(page, '__liveKpiMs'));
		}

		const coldStartsMs: number[] = [];
		const liveStartsMs: number[] = [];
		await page.goto(`${ctx.baseUrl}/`);
		await paintedAt(page, '__liveKpiMs');
		for (let i = 0; i < ctx.samples(COLD_STARTS); i++) {
			await page.reload();
			coldStartsMs.push(await paintedAt(page, '__firstKpiMs'));
			liveStartsMs.push(await paintedAt(page, '__liveKpiMs'));
		}

		const filterChangesMs: number[] = [];
		const changes: DashboardRuns['changes'] = [];
		const statements: StatementTiming[][] = [];
		const kindsChanged = new Set<string>();
		// From page to page by the sidebar, as a user goes: the engine stays started (a reload restarts it).
		for (const path of PAGES) {
			if (new URL(page.url()).pathname !== path) {
				await page.getByRole('navigation').locator(`a[href="${path}"]`).click();
				await page.waitForURL(`${ctx.baseUrl}${path}`);
			}
			await dashboardReady(page, path);
			const offered = await filterChanges(page, ctx.smoke ? 1 : 4);
			for (const change of ctx.smoke ? oneKind(offered, kindsChanged) : offered) {
				const timed = await timeFilterChange(page, change);
				filterChangesMs.push(timed.ms);
				statements.push(timed.statements);
				const filter = change.testid.replace('filter-', '');
				changes.push({ page: path, filter, what: `${path} ${filter}=${change.value || 'all'}` });
			}
		}
		return {
			filterChangesMs,
			changes,
			statements,
			coldStartsMs,
			liveStartsMs,
			firstVisitsMs,
			firstVisitSources,
			firstVisitLiveMs
		};
	} finally {
		await page.context().close();
	}
}

/**
 * Runs in the page before its scripts: notes when the first KPI number, and the first live one, are painted.
 * A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
 */
const RECORD_FIRST_KPI_PAINT = `(() => {
	const card = '[data-testid="kpi-card"][data-value]:not([data-value=""])';
	const live = '[data-testid="dashboard"][data-source="live"][data-state="ready"] ' + card;
	const painted = (name) => requestAnimationFrame(() => setTimeout(() => (window[name] ??= performance.now())));
	const observer = new MutationObserver(() => {
		if (window.__firstKpiMs === undefined && document.querySelector(card)) {
			window.__firstKpiSource ??= document.querySelector('[data-testid="dashboard"]')?.dataset.source;
			painted('__firstKpiMs');
		}
		if (document.querySelector(live)) {
			observer.disconnect();
			painted('__liveKpiMs');
		}
	});
	observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function paintedAt(page: Page, name: '__firstKpiMs' | '__liveKpiMs'): Promise<number> {
	const handle = await page.waitForFunction(
		(name) => (window as unknown as Record<string, number>)[name],
		name,
		{
			timeout: 120_000
		}
	);
	return Number(await handle.jsonValue());
}

/** The page at `path` shows the engine's figures (not the page navigated from, nor kept figures). */
function dashboardReady(page: Page, path: string): Promise<void> {
	const name = path === '/' ? 'overview' : path.slice(1);
	return page
		.locator(`[data-testid="dashboard"][data-page="${name}"][data-state="ready"][data-source="live"]`)
		.waitFor({ timeout: 120_000 });
}

interface FilterChange {
	testid: string;
	value: string;
}

/**
 * The first `choices` cities, categories and channels in turn, each filter then back to all, as a user
 * clicking through them (a smoke run takes one of each).
 */
async function filterChanges(page: Page, choices: number): Promise<FilterChange[]> {
	const changes: FilterChange[] = [];
	for (const testid of ['filter-city', 'filter-category', 'filter-channel']) {
		const select = page.getByTestId(testid);
		if (!(await select.count())) continue;
		const values = (await select
			.locator('option')
			.evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))) as string[];
		for (const value of [...values.filter(Boolean).slice(0, choices), '']) changes.push({ testid, value });
	}
	return changes;
}

/**
 * A smoke run's changes on a page: those of one filter kind, the first the earlier pages have not changed
 * (`changed`, updated), so that the five pages still change a city, a category and a channel between them.
 */
function oneKind(changes: FilterChange[], changed: Set<string>): FilterChange[] {
	const kinds = [...new Set(changes.map((change) => change.testid))];
	if (kinds.length === 0) return [];
	const kind = kinds.find((testid) => !changed.has(testid)) ?? kinds[0];
	changed.add(kind);
	return changes.filter((change) => change.testid === kind);
}

/**
 * In the page: change the control, then wait for the dashboard to show other filters' numbers, painted, and the
 * Inventory page's reorder alerts (a request of their own, after the report) those of the same filters; gives
 * the time and the engine's statements of the report (`data-statements`). A string for the same reason as
 * RECORD_FIRST_KPI_PAINT.
 */
const TIME_FILTER_CHANGE = `async ({ testid, value }) => {
	const dashboard = () => document.querySelector('[data-testid="dashboard"]');
	const before = dashboard()?.dataset.filters;
	const select = document.querySelector('[data-testid="' + testid + '"]');
	const alertsShown = (filters) => {
		const alerts = document.querySelector('[data-testid="alerts-total"]');
		return !alerts || (alerts.dataset.state === 'ready' && alerts.dataset.filters === filters);
	};
	const started = performance.now();
	select.value = value;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	// A check run among a frame's callbacks that finds the numbers shown ends once that frame is painted (a task
	// queued then runs after its paint); a frame asked for there would be the next one, a frame later.
	await new Promise((resolve, reject) => {
		const check = (inFrame) => {
			const element = dashboard();
			if (element?.dataset.state === 'ready' && element.dataset.filters !== before && alertsShown(element.dataset.filters)) {
				if (inFrame) setTimeout(resolve);
				else requestAnimationFrame(() => setTimeout(resolve));
			} else if (element?.dataset.state === 'error') reject(new Error('the dashboard showed an error'));
			else if (performance.now() > started + 60000) reject(new Error('no new numbers within 60 s'));
			else requestAnimationFrame(() => check(true));
		};
		check(false);
	});
	const ms = performance.now() - started;
	return { ms, statements: JSON.parse(dashboard().dataset.statements || '[]') };
}`;

async function timeFilterChange(
	page: Page,
	change: FilterChange
): Promise<{ ms: number; statements: StatementTiming[] }> {
	return (await page.evaluate(`(${TIME_FILTER_CHANGE})(${JSON.stringify(change)})`)) as {
		ms: number;
		statements: StatementTiming[];
	};
}
