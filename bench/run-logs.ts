import type { Page } from '@playwright/test';
import type { PipelineStepName, RunLog } from '../src/lib/pipeline/types';
import { median } from './harness';

/** Every step of a run, in its order (the type lists the same names: a new one fails to compile here). */
const STEPS: readonly PipelineStepName[] = ['prepare', 'ingest', 'silver', 'gold', 'quality', 'publish'];

/** A run's length and the milliseconds of each of its steps (a step run once per file is summed). */
export interface RunSteps {
	total: number;
	steps: Record<string, number>;
}

/** Every run log in the page's OPFS lake (`lake/_runs`). */
export async function runLogs(page: Page): Promise<RunLog[]> {
	const texts = (await page.evaluate(async () => {
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		const runs = await lake.getDirectoryHandle('_runs');
		const texts: string[] = [];
		// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
		for await (const [, handle] of runs.entries()) texts.push(await (await handle.getFile()).text());
		return texts;
	})) as string[];
	return texts.map((text) => JSON.parse(text) as RunLog);
}

export function runSteps(log: RunLog): RunSteps {
	const steps: Record<string, number> = {};
	for (const step of log.steps) steps[step.step] = (steps[step.step] ?? 0) + step.duration_ms;
	return { total: Date.parse(log.finished_at ?? log.started_at) - Date.parse(log.started_at), steps };
}

/** `prepare 225, ingest 27, …` (ms): each step's median over the runs; `no run log` when there is none. */
export function stepMedians(runs: RunSteps[]): string {
	if (runs.length === 0) return 'no run log';
	return STEPS.map((step) => `${step} ${Math.round(median(runs.map((run) => run.steps[step] ?? 0)))}`).join(
		', '
	);
}
