import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RunLog } from '../../src/lib/pipeline/types';
import { sampleBrowserMemory, type MemoryPeak } from '../browser-memory';
import { runLogs, runSteps, stepMedians, type RunSteps } from '../run-logs';
import {
	generateOnLakePage,
	isTenMillion,
	TIMEOUT_MS,
	cli,
	cliGeneratedLake,
	median,
	round,
	type BenchContext,
	type Figure
} from '../harness';

/** Above this many sales lines a run takes minutes, so it is measured once instead of three times. */
const REPEAT_UP_TO_LINES = 1_000_000;

interface BrowserRun {
	/** The status element's final `data-phase`, or `crashed` when the tab died (e.g. out of memory). */
	phase: string;
	/** The run's `finished_at − started_at`, as the page reports it. */
	elapsedMs: number;
	memory: MemoryPeak;
	/** The run's steps, from its run log (none when the run left no log). */
	steps: RunSteps[];
}

/** `pipeline_s`: Raw → Gold (quality report and publishing included) in the browser, median of the runs. */
export async function browserPipelineSeconds(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? null : pipelineSeconds(ctx);
}

/** `pipeline_10m_s`: the same at `--scale 10m` (one run). */
export async function pipeline10mSeconds(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? pipelineSeconds(ctx) : null;
}

/** The browser runs' median time at any scale (the ratios use it at 10M too). */
export async function pipelineSeconds(ctx: BenchContext): Promise<Figure> {
	const runs = await browserRuns(ctx);
	const failed = runs.find((run) => run.phase !== 'done');
	if (failed) throw new Error(`the browser pipeline ended "${failed.phase}"`);
	const times = runs.map((run) => run.elapsedMs);
	return {
		value: round(median(times) / 1000, 2),
		unit: 's',
		note:
			`runs ${times.map((ms) => round(ms / 1000, 2)).join(', ')} s; ` +
			`steps (median): ${stepMedians(runs.flatMap((run) => run.steps))} ms`
	};
}

/** `pipeline_vs_native`: `pipeline_s` ÷ the CLI on native DuckDB (1 thread) over the same raw files. */
export async function pipelineVsNative(ctx: BenchContext): Promise<Figure> {
	const browser = await pipelineSeconds(ctx);
	const native = nativePipelineMs(ctx);
	const nativeS = median(native) / 1000;
	return {
		value: round(browser.value / nativeS, 2),
		unit: 'x',
		note: `browser ${browser.value} s, native ${round(nativeS, 2)} s (runs ${native.map((ms) => round(ms / 1000, 2)).join(', ')} s)`
	};
}

/** `peak_memory_mb`: the browser's largest memory footprint while a pipeline ran (see MemoryPeak). */
export async function pipelinePeakMemory(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? null : peakMemory(ctx);
}

/** `peak_memory_10m_mb`: the same at `--scale 10m`. */
export async function pipeline10mPeakMemory(ctx: BenchContext): Promise<Figure | null> {
	return isTenMillion(ctx) ? peakMemory(ctx) : null;
}

async function peakMemory(ctx: BenchContext): Promise<Figure> {
	const runs = await browserRuns(ctx);
	const peak = runs.reduce((top, run) => (run.memory.peakMb > top.memory.peakMb ? run : top));
	const { jsHeapPeakMb, hwmSumMb, samples } = peak.memory;
	return {
		value: peak.memory.peakMb,
		unit: 'MB',
		note:
			`Σ PSS of the Chromium processes, max of ${runs.length} runs (${samples} samples); ` +
			`page JS heap ≤ ${jsHeapPeakMb} MB; Σ VmHWM ${hwmSumMb} MB`
	};
}

/** `pipeline_10m_ok`: 1 when 10M sales lines go Raw → Gold in one tab; measured only at `--scale 10m`. */
export async function pipeline10mOk(ctx: BenchContext): Promise<Figure | null> {
	if (!isTenMillion(ctx)) return null;
	const [run] = await browserRuns(ctx);
	return {
		value: run.phase === 'done' ? 1 : 0,
		unit: 'x',
		note: `ended "${run.phase}" after ${round(run.elapsedMs / 1000, 1)} s; peak ${run.memory.peakMb} MB (Σ PSS)`
	};
}

/** Every browser figure comes from the same runs, measured once per bench run. */
const measured = new WeakMap<BenchContext, Promise<BrowserRun[]>>();

function browserRuns(ctx: BenchContext): Promise<BrowserRun[]> {
	let runs = measured.get(ctx);
	if (!runs) {
		runs = measureBrowserRuns(ctx);
		measured.set(ctx, runs);
	}
	return runs;
}

async function measureBrowserRuns(ctx: BenchContext): Promise<BrowserRun[]> {
	const repetitions = ctx.samples(ctx.salesLines > REPEAT_UP_TO_LINES ? 1 : 3);
	const runs: BrowserRun[] = [];
	for (let i = 0; i < repetitions; i++) runs.push(await measureBrowserRun(ctx));
	return runs;
}

/** A fresh profile: generate through the Lake page's panel, then run the pipeline from its button. */
async function measureBrowserRun(ctx: BenchContext): Promise<BrowserRun> {
	const page = await ctx.newPage();
	try {
		await generateOnLakePage(ctx, page);
		const memory = await sampleBrowserMemory(page);
		await page.getByTestId('pipeline-run').click({ timeout: 60_000 });
		const phase = await finalPhase(page);
		const status = page.getByTestId('pipeline-status');
		return {
			phase,
			elapsedMs: Number(await status.getAttribute('data-elapsed-ms').catch(() => NaN)),
			memory: await memory.stop(),
			steps: phase === 'crashed' ? [] : (await runLogs(page).catch(() => [])).map(runSteps)
		};
	} finally {
		// The whole context: its in-memory storage must not weigh on the next run's measurement.
		await page.context().close();
	}
}

async function finalPhase(page: Page): Promise<string> {
	const crashed = new Promise<string>((resolve) => page.once('crash', () => resolve('crashed')));
	const ended = page
		.locator(
			'[data-testid="pipeline-status"]:is([data-phase="done"], [data-phase="error"], [data-phase="cancelled"])'
		)
		.waitFor({ timeout: TIMEOUT_MS })
		.then(() => page.getByTestId('pipeline-status').getAttribute('data-phase'))
		.then((phase) => phase ?? 'unknown');
	return Promise.race([ended, crashed]);
}

/**
 * The CLI's run time (`finished_at − started_at` of its run log, as the page measures) over the raw files
 * the browser got (same generator, same defaults), each run on its own copy of them.
 */
function nativePipelineMs(ctx: BenchContext): number[] {
	const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
	try {
		const generated = cliGeneratedLake(ctx);
		const repetitions = ctx.samples(ctx.salesLines > REPEAT_UP_TO_LINES ? 1 : 3);
		const times: number[] = [];
		for (let i = 0; i < repetitions; i++) {
			const lake = join(dir, `lake-${i}`);
			cpSync(join(generated, 'raw'), join(lake, 'raw'), { recursive: true });
			const log = JSON.parse(cli(['pipeline', '--lake', lake, '--threads', '1', '--json'])) as RunLog;
			if (log.status !== 'succeeded' || !log.finished_at) throw new Error(`the CLI run ended ${log.status}`);
			times.push(Date.parse(log.finished_at) - Date.parse(log.started_at));
			rmSync(lake, { recursive: true, force: true });
		}
		return times;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
