import type { PipelineStepName, RunLog } from '$lib/pipeline/types';
import type { StepProgress } from '$lib/state/pipeline-manager.svelte';

/** A run's steps in the order they run, with what the page calls them. */
export const PIPELINE_STEPS: readonly { step: PipelineStepName; label: string }[] = [
	{ step: 'prepare', label: 'Prepare' },
	{ step: 'ingest', label: 'Ingest Raw → Bronze' },
	{ step: 'silver', label: 'Build Silver' },
	{ step: 'gold', label: 'Build Gold' },
	{ step: 'quality', label: 'Quality report' },
	{ step: 'publish', label: 'Publish' }
];

export function stepLabel(step: PipelineStepName): string {
	return PIPELINE_STEPS.find((s) => s.step === step)?.label ?? step;
}

export interface StepRow {
	step: PipelineStepName;
	label: string;
	/** `skipped`: a finished run had nothing to do in this step (no new raw file, say). */
	state: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
	/** Rows handled (live) or written (finished). */
	rows: number | null;
	rejected: number | null;
	elapsedMs: number | null;
	detail?: string;
}

/**
 * The steps of a run in progress, from its progress reports (a report opens each step or file): earlier
 * steps done, timed up to the next one's start; the last one running, timed up to `runElapsedMs`.
 */
export function liveSteps(reported: readonly StepProgress[], runElapsedMs: number): StepRow[] {
	return PIPELINE_STEPS.map(({ step, label }) => {
		const i = reported.findIndex((r) => r.step === step);
		if (i < 0) return { step, label, state: 'pending', rows: null, rejected: null, elapsedMs: null };
		const { rows, detail, startedMs } = reported[i];
		const next = reported[i + 1];
		return {
			step,
			label,
			state: next ? 'done' : 'running',
			rows: rows > 0 ? rows : null,
			rejected: null,
			elapsedMs: Math.max(0, (next?.startedMs ?? runElapsedMs) - startedMs),
			detail
		};
	});
}

/** The steps of a finished run, from its log; ingestion's per-file entries add up. */
export function loggedSteps(log: RunLog): StepRow[] {
	return PIPELINE_STEPS.map(({ step, label }) => {
		const logs = log.steps.filter((s) => s.step === step);
		if (logs.length === 0) {
			const published = log.status === 'succeeded' || log.status === 'succeeded_with_warnings';
			const state = published ? 'skipped' : 'pending';
			return { step, label, state, rows: null, rejected: null, elapsedMs: null };
		}
		const sum = (pick: (s: (typeof logs)[number]) => number) => logs.reduce((total, s) => total + pick(s), 0);
		return {
			step,
			label,
			state: logs.some((s) => s.error) ? 'failed' : 'done',
			rows: sum((s) => s.rows_out),
			rejected: sum((s) => s.rows_rejected),
			elapsedMs: sum((s) => s.duration_ms),
			detail: logs.find((s) => s.error)?.error
		};
	});
}
