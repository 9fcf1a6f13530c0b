import { errors, type Page } from '@playwright/test';
import {
	batchToScreen,
	navigate,
	ordersAfterEachBatch,
	rawWebOrders,
	startTripRecorder,
	WEB_OVERVIEW,
	type TripLog
} from '../../tests/e2e/live-trip';
import type { RunLog } from '../../src/lib/pipeline/types';
import { publishLake, TIMEOUT_MS, median, round, type BenchContext, type Figure } from '../harness';
import { runLogs, runSteps, stepMedians, type RunSteps } from '../run-logs';

/**
 * Batches measured on the Overview (one under `--smoke`); the first is left out (it may land before the Overview
 * is open).
 */
const BATCHES = 6;
/** The longest the Overview stays open after the last measured batch is published, waiting to show it. */
const SETTLE_MS = 10_000;

/**
 * `live_batch_to_screen_ms`: live mode on a published lake (`publishLake`), the Overview open; from
 * each batch's file landing in the lake to the Overview's orders card counting its orders, median. The note
 * gives the median of each pipeline step over the measured batches' runs (from their run logs) and the rest: the
 * Overview's queries and paint.
 */
export async function liveBatchToScreen(ctx: BenchContext): Promise<Figure> {
	const batches = ctx.samples(BATCHES);
	const page = await ctx.newPage();
	try {
		await publishLake(ctx, page);

		await startTripRecorder(page);
		await page.getByTestId('live-start').click();
		await navigate(page, WEB_OVERVIEW);
		await page
			.locator(`[data-testid="live-figures"][data-batches="${batches + 1}"]`)
			.waitFor({ timeout: TIMEOUT_MS });
		await batchShown(page, batches + 1);
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Lake', exact: true })
			.click();
		await page.getByTestId('live-stop').click();
		await page.locator('[data-testid="live-status"][data-phase="off"]').waitFor({ timeout: TIMEOUT_MS });

		const { after } = ordersAfterEachBatch(await rawWebOrders(page));
		const trips = (await batchToScreen(page, after, Infinity, 0)).filter(
			({ batch }) => batch > 1 && batch <= batches + 1
		);
		if (trips.length === 0 || trips.some(({ ms }) => !Number.isFinite(ms))) {
			throw new Error(`a live batch never reached the Overview: ${JSON.stringify(trips)}`);
		}
		const ms = trips.map((trip) => trip.ms);
		const steps = await liveRunSteps(page, new Set(trips.map(({ batch }) => batch)));
		const runMs = median(steps.map((run) => run.total));
		return {
			value: Math.round(median(ms)),
			unit: 'ms',
			note:
				`batches ${trips.map((trip) => `${trip.batch}: ${Math.round(trip.ms)}`).join(', ')} ms; ` +
				`their runs' median ${round(runMs / 1000, 2)} s (${stepMedians(steps)} ms); ` +
				`the rest (the Overview's queries and paint) ≈ ${Math.round(median(ms) - runMs)} ms`
		};
	} finally {
		await page.context().close();
	}
}

/**
 * Waits until the Overview's orders card has changed since batch `n` landed (it then shows that batch), at most
 * `SETTLE_MS`: a batch it never showed is reported by the figure, not here.
 */
async function batchShown(page: Page, n: number): Promise<void> {
	await page
		.waitForFunction(
			(n) => {
				const { cards, batches } = (window as unknown as { liveTrips: TripLog }).liveTrips;
				return batches.length >= n && cards.some((card) => card.at >= batches[n - 1]);
			},
			n,
			{ timeout: SETTLE_MS, polling: 100 }
		)
		.catch((error: unknown) => {
			if (!(error instanceof errors.TimeoutError)) throw error;
		});
}

/**
 * The step durations of the runs that ingested the measured batches (numbered as `batchToScreen` numbers them:
 * the n-th live file by name is batch n), read from the run logs in OPFS. The other batches' runs may have
 * shared the engine with the Overview's first loads, so they would not explain the measured trips.
 */
async function liveRunSteps(page: Page, batches: Set<number>): Promise<RunSteps[]> {
	const liveFiles = (log: RunLog) =>
		log.ingestion
			.filter((file) => file.status === 'ingested' && file.path.includes('/live-'))
			.map((file) => file.path);
	const logs = (await runLogs(page)).filter((log) => liveFiles(log).length > 0);
	const byName = logs.flatMap(liveFiles).sort();
	return logs
		.filter((log) => liveFiles(log).some((path) => batches.has(byName.indexOf(path) + 1)))
		.map(runSteps);
}
