import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LakeService } from '../../src/lib/engine/lake-service';
import { PIPELINE_LOCK, PipelineService, type PipelineLocks } from '../../src/lib/engine/pipeline-service';
import type { PipelineProgress, RunLog } from '../../src/lib/pipeline/types';

const runPipeline = vi.hoisted(() => vi.fn());
const lakeState = vi.hoisted(() => ({
	readManifest: vi.fn(),
	listRuns: vi.fn(),
	readQualityReport: vi.fn(),
	recoverInterruptedRuns: vi.fn()
}));
vi.mock('$lib/pipeline/run/run-pipeline', () => ({ runPipeline }));
vi.mock('$lib/pipeline/run/lake-state', () => lakeState);

const lake = { sql: 'sql', store: 'store', codec: 'codec' } as unknown as LakeService;
const log = { run_id: 'run-1', status: 'succeeded' } as RunLog;

/** Web Locks as one tab sees them when `held` is whether another tab has the lock. */
function fakeLocks(held: boolean): PipelineLocks & { requests: unknown[][] } {
	const requests: unknown[][] = [];
	return {
		requests,
		request: ((name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) => {
			requests.push([name, options]);
			return Promise.resolve().then(() => callback(held ? null : ({ name } as Lock)));
		}) as PipelineLocks['request']
	};
}

const progress = (step: PipelineProgress['step'], detail?: string): PipelineProgress => ({
	run_id: 'run-1',
	step,
	detail,
	rows: 0,
	elapsed_ms: 0,
	steps_done: 0,
	steps_total: 6
});

describe('PipelineService', () => {
	beforeEach(() => vi.clearAllMocks());

	it('runs under the Web Lock, if it is free, with the engine’s ports', async () => {
		runPipeline.mockResolvedValue(log);
		const locks = fakeLocks(false);
		expect(await new PipelineService(lake, locks).run()).toBe(log);
		expect(locks.requests).toEqual([[PIPELINE_LOCK, { ifAvailable: true }]]);
		expect(runPipeline.mock.calls[0][0]).toEqual({ sql: 'sql', store: 'store', codec: 'codec' });
	});

	it('fails with a sentence when another tab holds the lock, without running', async () => {
		const run = new PipelineService(lake, fakeLocks(true)).run();
		await expect(run).rejects.toThrow(/^A pipeline run is already in progress in another tab\.$/);
		await expect(run).rejects.toMatchObject({ name: 'PipelineBusyError' });
		expect(runPipeline).not.toHaveBeenCalled();
	});

	it('recovers interrupted runs under the lock, and leaves them to the tab that holds it', async () => {
		await new PipelineService(lake, fakeLocks(false)).recover();
		expect(lakeState.recoverInterruptedRuns).toHaveBeenCalledWith('store');
		vi.clearAllMocks();
		await new PipelineService(lake, fakeLocks(true)).recover();
		expect(lakeState.recoverInterruptedRuns).not.toHaveBeenCalled();
	});

	it('runs one at a time in a tab, and cancel aborts the run in progress', async () => {
		let finish: (log: RunLog) => void = () => {};
		runPipeline.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
		const service = new PipelineService(lake);
		const first = service.run();
		await expect(service.run()).rejects.toThrow('A pipeline run is already in progress in this tab.');
		await vi.waitFor(() => expect(runPipeline).toHaveBeenCalledOnce());
		const { signal } = runPipeline.mock.calls[0][1] as { signal: AbortSignal };
		expect(signal.aborted).toBe(false);
		service.cancel();
		expect(signal.aborted).toBe(true);
		finish({ ...log, status: 'cancelled' });
		expect((await first).status).toBe('cancelled');
		runPipeline.mockResolvedValue(log);
		expect(await service.run()).toBe(log);
	});

	it('passes progress on at most every 100 ms, except a new step or file', async () => {
		runPipeline.mockImplementation(async (_deps, { onProgress }) => {
			onProgress(progress('ingest', 'raw/a.csv'));
			onProgress(progress('ingest', 'raw/a.csv'));
			onProgress(progress('ingest', 'raw/b.csv'));
			onProgress(progress('silver'));
			onProgress(progress('silver'));
			return log;
		});
		const seen: string[] = [];
		await new PipelineService(lake).run((p) => seen.push(`${p.step} ${p.detail ?? ''}`.trim()));
		expect(seen).toEqual(['ingest raw/a.csv', 'ingest raw/b.csv', 'silver']);
	});

	it('reads the published run’s quality report unless asked for another', async () => {
		const service = new PipelineService(lake);
		lakeState.readManifest.mockResolvedValue({ run_id: 'run-7' });
		lakeState.readQualityReport.mockResolvedValue({ run_id: 'run-7' });
		expect(await service.qualityReport()).toEqual({ run_id: 'run-7' });
		await service.qualityReport('run-3');
		expect(lakeState.readQualityReport.mock.calls).toEqual([
			['store', 'run-7'],
			['store', 'run-3']
		]);
		lakeState.readManifest.mockResolvedValue(null);
		expect(await service.qualityReport()).toBeNull();
	});
});
