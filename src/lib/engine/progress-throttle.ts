import type { PipelineProgress } from '$lib/pipeline/types';

/** Progress passed on at most every `everyMs` within a stage; `stop()` drops what is still held back. */
export interface ThrottledProgress {
	report(progress: PipelineProgress): void;
	stop(): void;
}

/**
 * Passes a run's progress on at most every `everyMs` within one step or file, so a page is not flooded, yet
 * never leaves it showing stale figures: a new step or file goes at once (after the last report of the one
 * before), and the last report held back within a window goes when the window ends.
 */
export function throttleProgress(
	onProgress: (progress: PipelineProgress) => void,
	everyMs: number
): ThrottledProgress {
	let sentAt = -Infinity;
	let stage = '';
	let held: PipelineProgress | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const send = (progress: PipelineProgress) => {
		sentAt = performance.now();
		stage = stageOf(progress);
		onProgress(progress);
	};
	const dropHeld = () => {
		clearTimeout(timer);
		timer = undefined;
		held = null;
	};
	const sendHeld = () => {
		const progress = held;
		dropHeld();
		if (progress) send(progress);
	};

	return {
		report(progress) {
			if (stageOf(progress) !== stage) {
				sendHeld();
				send(progress);
				return;
			}
			const wait = sentAt + everyMs - performance.now();
			if (wait <= 0) {
				dropHeld();
				send(progress);
				return;
			}
			held = progress;
			timer ??= setTimeout(sendHeld, wait);
		},
		stop: dropHeld
	};
}

const stageOf = (progress: PipelineProgress) => `${progress.step}:${progress.detail ?? ''}`;
