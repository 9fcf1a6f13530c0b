import { PIPELINE_LOCK } from '$lib/engine/pipeline-lock';
import { onPublishedElsewhere, onRunStartedElsewhere } from './published-channel';
import { pipeline } from './pipeline-manager.svelte';

/** How often the lock is looked at while another tab holds it: a tab closed midway sends no message. */
const WATCH_MS = 1000;

/**
 * Whether another tab is running the pipeline (or rolling the lake back), so every page can say that its
 * figures are the published ones until that run ends. Told by the pipeline's Web Lock, held by whichever
 * engine runs: looked at when the app opens, when another tab says it started a run, and every second
 * until it is free again.
 */
class OtherTabRun {
	active = $state(false);
	#timer: ReturnType<typeof setTimeout> | null = null;

	/** Starts watching (once, in the browser); returns a function that stops. */
	watch(): () => void {
		if (typeof navigator === 'undefined' || !('locks' in navigator)) return () => {};
		const look = () => void this.#look();
		const stops = [onRunStartedElsewhere(look), onPublishedElsewhere(look)];
		look();
		return () => {
			for (const stop of stops) stop();
			if (this.#timer) clearTimeout(this.#timer);
		};
	}

	async #look(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const { held = [] } = await navigator.locks.query();
		const locked = held.some((lock) => lock.name === PIPELINE_LOCK);
		// This tab's own run holds the lock too; its page shows that run's progress instead.
		const ours = pipeline.phase === 'running' || pipeline.rollingBack;
		this.active = locked && !ours;
		if (locked) this.#timer = setTimeout(() => void this.#look(), WATCH_MS);
	}
}

export const otherTabRun = new OtherTabRun();
