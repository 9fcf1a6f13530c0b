/** The steps of one detection run, in the order they start. */
export const DETECTION_STEPS = [
	'reading the days and stores',
	'reading daily sales per store',
	'reading daily sales per category',
	'reading prices',
	'reading the flagged quantity spikes',
	'scanning for anomalies',
	'scoring web orders',
	'comparing with the planted events'
] as const;

export type DetectionStep = (typeof DETECTION_STEPS)[number];

/** Where a detection is: step `step` (from 1) of `steps` has started. */
export interface DetectionProgress {
	step: number;
	steps: number;
	label: DetectionStep;
}

/**
 * Called as each step starts, and awaited (the engine lets waiting page requests run there); throws
 * `DetectionCancelled` once the detection was cancelled.
 */
export type OnDetectionStep = (step: DetectionStep) => void | Promise<void>;

/**
 * Awaited between the parts of a long computation: where the engine lets a waiting page request run (a no-op
 * where nothing waits, as in the CLI).
 */
export type Pause = () => void | Promise<void>;

/** Why a detection stopped before its end: someone cancelled it (or asked before it was cancelled). */
export class DetectionCancelled extends Error {
	constructor() {
		super('Detection was cancelled.');
		this.name = 'DetectionCancelled';
	}
}

/**
 * The step callback of one detection: it reports each step to `onProgress` and stops the detection at the
 * next step once `signal` is aborted (a query under way finishes first: DuckDB has no safe interrupt here).
 */
export function detectionSteps(
	onProgress: (progress: DetectionProgress) => void,
	signal?: AbortSignal
): OnDetectionStep {
	return (label) => {
		if (signal?.aborted) throw new DetectionCancelled();
		onProgress({ step: DETECTION_STEPS.indexOf(label) + 1, steps: DETECTION_STEPS.length, label });
	};
}
