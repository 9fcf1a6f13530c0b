import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestQueue, Superseded, type RequestOptions } from '../../../src/lib/engine/request-queue';

const PAGE: RequestOptions = { priority: 'page' };
const BACKGROUND: RequestOptions = { priority: 'background' };
const DASHBOARD: RequestOptions = { priority: 'page', interleaves: true };
const BACKGROUND_INTERLEAVING: RequestOptions = { priority: 'background', interleaves: true };

/** A promise that resolves when `open` is called. */
function gate(): { opened: Promise<void>; open: () => void } {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

/** A request that notes when it starts and ends, and finishes when `release` is called. */
function request(log: string[], name: string) {
	const { opened: done, open } = gate();
	return {
		release: open,
		work: async () => {
			log.push(`start ${name}`);
			await done;
			log.push(`end ${name}`);
			return name;
		}
	};
}

describe('RequestQueue', () => {
	it('runs one request at a time, in order within a priority', async () => {
		const log: string[] = [];
		const queue = new RequestQueue();
		const a = request(log, 'a');
		const b = request(log, 'b');
		const answers = [queue.run(a.work, PAGE), queue.run(b.work, PAGE)];
		await Promise.resolve();
		expect(log).toEqual(['start a']);
		a.release();
		b.release();
		expect(await Promise.all(answers)).toEqual(['a', 'b']);
		expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
	});

	it('lets a page request sent in the same burst go before the background one sent just before it', async () => {
		const log: string[] = [];
		const queue = new RequestQueue();
		const summary = request(log, 'summary');
		const report = request(log, 'report');
		summary.release();
		report.release();
		await Promise.all([queue.run(summary.work, BACKGROUND), queue.run(report.work, PAGE)]);
		expect(log).toEqual(['start report', 'end report', 'start summary', 'end summary']);
	});

	it('puts page requests ahead of waiting background ones, without stopping the one under way', async () => {
		const log: string[] = [];
		const queue = new RequestQueue();
		const running = request(log, 'running summary');
		const first = queue.run(running.work, BACKGROUND);
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(log).toEqual(['start running summary']);
		const queued: [string, RequestOptions][] = [
			['spikes', BACKGROUND],
			['report', PAGE],
			['summary', BACKGROUND],
			['alerts', PAGE]
		];
		const requests = queued.map(([name]) => request(log, name));
		const answers = queued.map(([, priority], i) => queue.run(requests[i].work, priority));
		for (const r of requests) r.release();
		running.release();
		await Promise.all([first, ...answers]);
		expect(log.filter((line) => line.startsWith('start'))).toEqual([
			'start running summary',
			'start report',
			'start alerts',
			'start spikes',
			'start summary'
		]);
	});

	it('goes on after a request that fails, and hands the failure to its caller', async () => {
		const queue = new RequestQueue();
		const failed = queue.run(() => Promise.reject(new Error('no Gold')), PAGE);
		const next = queue.run(async () => 'next', BACKGROUND);
		await expect(failed).rejects.toThrow('no Gold');
		expect(await next).toBe('next');
		const thrown = queue.run(() => {
			throw new Error('thrown before any await');
		}, PAGE);
		await expect(thrown).rejects.toThrow('thrown before any await');
		expect(await queue.run(async () => 'after it', PAGE)).toBe('after it');
	});

	it('runs the waiting dashboard requests where a long request pauses, on its turn, and the others after it', async () => {
		const log: string[] = [];
		const queue = new RequestQueue();
		const stepOne = request(log, 'step 1');
		const detection = queue.run(async (turn) => {
			await stepOne.work();
			await turn.pause();
			log.push('step 2');
			await turn.pause();
			log.push('step 3');
		}, BACKGROUND);
		await new Promise((resolve) => setTimeout(resolve, 5));
		const answers = [
			queue.run(async () => void log.push('anomalies page (needs the detection)'), PAGE),
			queue.run(async (turn) => {
				log.push(`report, inside a pause: ${turn.insidePause}`);
				await turn.pause(); // a no-op inside another's pause
			}, DASHBOARD),
			queue.run(async () => void log.push('summary'), BACKGROUND)
		];
		stepOne.release();
		await Promise.all([detection, ...answers]);
		expect(log).toEqual([
			'start step 1',
			'end step 1',
			'report, inside a pause: true',
			'step 2',
			'step 3',
			'anomalies page (needs the detection)',
			'summary'
		]);
	});

	it('drops a waiting request that a newer one for the same answer replaces; others wait as before', async () => {
		const log: string[] = [];
		const queue = new RequestQueue();
		const running = request(log, 'report');
		const first = queue.run(running.work, PAGE);
		const summary = (filters: string): RequestOptions & { name: string } => ({
			name: `summary ${filters}`,
			priority: 'background',
			answers: 'summary'
		});
		const asked = [summary('Delhi'), { name: 'spikes', priority: 'background' as const }, summary('web')];
		const answers = asked.map(({ name, ...options }) =>
			queue
				.run(async () => void log.push(`start ${name}`), options)
				.then(
					() => 'answered',
					(error: unknown) => (error instanceof Superseded ? 'superseded' : 'failed')
				)
		);
		running.release();
		await first;
		expect(await Promise.all(answers)).toEqual(['superseded', 'answered', 'answered']);
		expect(log).toEqual(['start report', 'end report', 'start spikes', 'start summary web']);
	});

	it('tells a request under way that a newer one for the same answer came, and only that one', async () => {
		const queue = new RequestQueue();
		const seen: boolean[] = [];
		const step = request([], 'step');
		const underWay = queue.run(
			async (turn) => {
				seen.push(turn.superseded);
				await step.work();
				seen.push(turn.superseded);
			},
			{ priority: 'page', answers: 'summary' }
		);
		await Promise.resolve();
		const other = queue.run(async () => 'other', { priority: 'page', answers: 'spikes' });
		await Promise.resolve();
		step.release();
		await underWay;
		expect(seen).toEqual([false, false]);
		expect(await other).toBe('other');

		const again = request([], 'again');
		const stale = queue.run(
			async (turn) => {
				await again.work();
				return turn.superseded;
			},
			{ priority: 'page', answers: 'summary' }
		);
		await Promise.resolve();
		const newer = queue.run(async (turn) => turn.superseded, { priority: 'page', answers: 'summary' });
		again.release();
		expect(await stale).toBe(true);
		expect(await newer).toBe(false);
	});

	describe('with a quiet time', () => {
		afterEach(() => vi.useRealTimers());
		const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		/** A background request in two steps with a pause after each, like the signals detection. */
		const twoStepDetection = (queue: RequestQueue, log: string[]) =>
			queue.run(async (turn) => {
				for (const step of [1, 2]) {
					log.push(`step ${step}`);
					await turn.pause();
				}
				log.push('detected');
			}, BACKGROUND);

		it('starts background work only once the pages have asked nothing for that long', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			await queue.run(async () => log.push('report'), DASHBOARD);
			const summary = queue.run(async () => log.push('summary'), BACKGROUND);
			await vi.advanceTimersByTimeAsync(990);
			expect(log).toEqual(['report']);
			// Another change restarts the wait.
			await queue.run(async () => log.push('report 2'), DASHBOARD);
			await vi.advanceTimersByTimeAsync(990);
			expect(log).toEqual(['report', 'report 2']);
			await vi.advanceTimersByTimeAsync(20);
			await summary;
			expect(log).toEqual(['report', 'report 2', 'summary']);
		});

		it('holds background work at its pauses while the pages keep asking, and lets each page request in at once', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			const detection = twoStepDetection(queue, log);
			await vi.advanceTimersByTimeAsync(5);
			expect(log).toEqual(['step 1', 'step 2', 'detected']);
			await detection;

			log.length = 0;
			const next = twoStepDetection(queue, log);
			await vi.advanceTimersByTimeAsync(0);
			expect(log).toEqual(['step 1']);
			// At its pause a report runs at once; then it waits the quiet time, which a second report restarts.
			void queue.run(async () => log.push('report'), DASHBOARD);
			await vi.advanceTimersByTimeAsync(5);
			expect(log).toEqual(['step 1', 'report']);
			await vi.advanceTimersByTimeAsync(600);
			void queue.run(async () => log.push('report 2'), DASHBOARD);
			await vi.advanceTimersByTimeAsync(990);
			expect(log).toEqual(['step 1', 'report', 'report 2']);
			await vi.advanceTimersByTimeAsync(20);
			await next;
			expect(log).toEqual(['step 1', 'report', 'report 2', 'step 2', 'detected']);
		});

		it('lets a background request that may interleave run at its pauses once the pages are quiet, and no other', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			const detection = twoStepDetection(queue, log);
			await vi.advanceTimersByTimeAsync(0);
			expect(log).toEqual(['step 1']);
			// A report at the detection's first pause; the preload it asks for, and a summary that may not
			// interleave, wait for the quiet time.
			void queue.run(async () => log.push('report'), DASHBOARD);
			const preload = queue.run(async () => log.push('preload'), BACKGROUND_INTERLEAVING);
			const summary = queue.run(async () => log.push('summary'), BACKGROUND);
			await vi.advanceTimersByTimeAsync(995);
			expect(log).toEqual(['step 1', 'report']);
			// Quiet: the preload runs inside the pause, then the detection goes on; the summary comes after it.
			await vi.advanceTimersByTimeAsync(20);
			await Promise.all([detection, preload, summary]);
			expect(log).toEqual(['step 1', 'report', 'preload', 'step 2', 'detected', 'summary']);
		});

		it('lets the pages in where a background request run inside another’s pause pauses, without waiting for quiet', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			const detection = twoStepDetection(queue, log);
			await vi.advanceTimersByTimeAsync(0);
			// The preload (a table loaded a row group at a time) runs inside the detection's first pause.
			const { opened: rowGroupLoaded, open: release } = gate();
			const preload = queue.run(async (turn) => {
				log.push('preload: first row group');
				await rowGroupLoaded;
				await turn.pause();
				log.push('preload: second row group');
			}, BACKGROUND_INTERLEAVING);
			await vi.advanceTimersByTimeAsync(1_010);
			expect(log).toEqual(['step 1', 'preload: first row group']);
			// A report sent meanwhile runs at the preload's pause, not after the whole preload.
			const report = queue.run(async () => log.push('report'), DASHBOARD);
			release();
			await vi.advanceTimersByTimeAsync(5);
			await Promise.all([report, preload]);
			expect(log).toEqual(['step 1', 'preload: first row group', 'report', 'preload: second row group']);
			await vi.advanceTimersByTimeAsync(1_010);
			await detection;
			expect(log.slice(-2)).toEqual(['step 2', 'detected']);
		});

		it('never lets a background request in at a page request’s pause', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			const { opened: stepDone, open: release } = gate();
			const paging = queue.run(async (turn) => {
				await stepDone;
				await turn.pause();
				log.push('page request past its pause');
			}, PAGE);
			const preload = queue.run(async () => log.push('preload'), BACKGROUND_INTERLEAVING);
			await vi.advanceTimersByTimeAsync(2_000);
			release();
			await vi.advanceTimersByTimeAsync(5);
			await paging;
			expect(log).toEqual(['page request past its pause']);
			await vi.advanceTimersByTimeAsync(1_000);
			await preload;
			expect(log).toEqual(['page request past its pause', 'preload']);
		});

		it('never holds a page request at its pauses, nor a background one a page request waits behind', async () => {
			fakeClock();
			const log: string[] = [];
			const queue = new RequestQueue({ quietMs: 1_000 });
			await queue.run(async () => log.push('report'), DASHBOARD);
			const paging = queue.run(async (turn) => {
				await turn.pause();
				log.push('page request past its pause');
			}, PAGE);
			await vi.advanceTimersByTimeAsync(5);
			await paging;
			expect(log).toEqual(['report', 'page request past its pause']);

			await vi.advanceTimersByTimeAsync(1_000);
			const { opened: stepDone, open: release } = gate();
			const background = queue.run(async (turn) => {
				log.push('background step');
				await stepDone;
				await turn.pause();
				log.push('background done');
			}, BACKGROUND);
			await vi.advanceTimersByTimeAsync(5);
			void queue.run(async () => log.push('report 2'), DASHBOARD);
			release();
			await vi.advanceTimersByTimeAsync(5);
			// At its pause the report ran; it now waits the quiet time...
			expect(log.slice(2)).toEqual(['background step', 'report 2']);
			// ...until a page request that cannot run inside a pause comes: then it hurries on instead.
			void queue.run(async () => log.push('waiting page request'), PAGE);
			await vi.advanceTimersByTimeAsync(5);
			await background;
			expect(log.slice(2)).toEqual([
				'background step',
				'report 2',
				'background done',
				'waiting page request'
			]);
		});
	});
});
