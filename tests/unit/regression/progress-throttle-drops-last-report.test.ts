import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleProgress } from '../../../src/lib/engine/progress-throttle';
import type { PipelineProgress } from '../../../src/lib/pipeline/types';

// Finding: progress within a step was passed on at most every 100 ms by dropping what came in between, so
// the last report of a burst was lost. Publish's staged rows could jump from 0 to the total at the commit,
// and the page showed a figure it had long passed (the fault test's "tables half written" never appeared).

const at = (step: PipelineProgress['step'], rows: number, detail?: string): PipelineProgress => ({
	run_id: 'r',
	step,
	...(detail === undefined ? {} : { detail }),
	rows,
	elapsed_ms: 0,
	steps_done: 0,
	steps_total: 6
});

describe('throttleProgress', () => {
	let seen: [number, string, number][];
	let report: (progress: PipelineProgress) => void;
	let stop: () => void;
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		seen = [];
		({ report, stop } = throttleProgress((p) => {
			seen.push([performance.now(), `${p.step}${p.detail ? ` ${p.detail}` : ''}`, p.rows]);
		}, 100));
	});
	afterEach(() => vi.useRealTimers());

	it('sends the last report held back within a window when the window ends', () => {
		report(at('publish', 0));
		vi.advanceTimersByTime(30);
		report(at('publish', 89_317));
		vi.advanceTimersByTime(20);
		report(at('publish', 230_000));
		expect(seen).toEqual([[0, 'publish', 0]]);
		vi.advanceTimersByTime(50);
		expect(seen).toEqual([
			[0, 'publish', 0],
			[100, 'publish', 230_000]
		]);
		// Nothing more was held: the next window sends nothing by itself.
		vi.advanceTimersByTime(500);
		expect(seen).toHaveLength(2);
	});

	it('sends a report at once when the window has passed', () => {
		report(at('silver', 1));
		vi.advanceTimersByTime(100);
		report(at('silver', 2));
		expect(seen).toEqual([
			[0, 'silver', 1],
			[100, 'silver', 2]
		]);
	});

	it('sends a new step or file at once, after the held report of the one before', () => {
		report(at('publish', 0));
		vi.advanceTimersByTime(10);
		report(at('publish', 60_000));
		vi.advanceTimersByTime(10);
		report(at('publish', 300_000, 'figures'));
		expect(seen).toEqual([
			[0, 'publish', 0],
			[20, 'publish', 60_000],
			[20, 'publish figures', 300_000]
		]);
		vi.advanceTimersByTime(500);
		expect(seen).toHaveLength(3);
	});

	it('drops what is held once stopped (the run has ended and its log tells the rest)', () => {
		report(at('gold', 0));
		report(at('gold', 5));
		stop();
		vi.advanceTimersByTime(500);
		expect(seen).toEqual([[0, 'gold', 0]]);
	});
});
