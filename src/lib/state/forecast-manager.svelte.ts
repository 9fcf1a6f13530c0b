import * as Comlink from 'comlink';
import type { BackendPreference } from '$lib/forecast/backend-names';
import type { JobProgress } from '$lib/forecast/forecast-job';
import type { BackendInfo, ForecastResult } from '$lib/forecast/forecast-result';
import { forecastSettings, DEFAULT_SETTINGS } from '$lib/forecast/settings';
import type { EpochRecord } from '$lib/forecast/train';
import { formatError } from '$lib/format';
import type { ForecastApi, ForecastEnvironment } from '../../workers/forecast.worker';
import { engine } from './engine-manager.svelte';
import { shareLakeWith } from './shared-lake';

type Phase = 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';

/** What the page lets a person change before training. */
export interface TrainingChoices {
	epochs: number;
	lookback: number;
	units: number;
}

/**
 * Main-thread side of the forecast worker: the forecast shown (saved in the lake, or trained on this
 * visit), whether it is stale, and a training in progress with its live losses, backend and cancel.
 */
class ForecastManager {
	phase = $state<Phase>('idle');
	/** The forecast shown: read from the lake, or just trained. */
	result = $state.raw<ForecastResult | null>(null);
	/** Whether `result` learned from an older Gold than the one published now. */
	stale = $state(false);
	/** Where `result` came from: the lake (no training on this visit) or a training on this visit. */
	source = $state<'saved' | 'trained' | null>(null);
	choices = $state<TrainingChoices>({
		epochs: DEFAULT_SETTINGS.epochs,
		lookback: DEFAULT_SETTINGS.lookback,
		units: DEFAULT_SETTINGS.units
	});
	preference = $state<BackendPreference>('auto');
	/** The backends that start in this browser, and the WebGL renderer; null until asked. */
	environment = $state.raw<ForecastEnvironment | null>(null);
	/** The backend of the training in progress, once chosen. */
	backend = $state.raw<BackendInfo | null>(null);
	progress = $state.raw<JobProgress | null>(null);
	/** The training in progress's epochs so far. */
	epochs = $state.raw<EpochRecord[]>([]);
	startedAt = $state(0);
	cancelling = $state(false);
	error = $state<string | null>(null);

	#api: Comlink.Remote<ForecastApi> | null = null;
	/** The published run the shown forecast was last looked up for. */
	#lookedUp: string | null | undefined = undefined;
	/** The last lookup: the probe waits for it, so a saved forecast shows before the backends are tried. */
	#loading: Promise<void> = Promise.resolve();

	#worker(): Comlink.Remote<ForecastApi> {
		if (!this.#api) {
			this.#api = Comlink.wrap<ForecastApi>(
				new Worker(new URL('../../workers/forecast.worker.ts', import.meta.url), { type: 'module' })
			);
			shareLakeWith(this.#api);
		}
		return this.#api;
	}

	/**
	 * Shows the forecast saved for the published run `runId`, or the newest saved one marked stale; reads the
	 * lake, never trains. Does nothing while training, or when `runId` was looked up already.
	 */
	load(runId: string | null): Promise<void> {
		if (this.phase === 'training' || this.#lookedUp === runId) return this.#loading;
		this.#lookedUp = runId;
		this.#loading = this.#load(runId);
		return this.#loading;
	}

	async #load(runId: string | null): Promise<void> {
		this.phase = 'loading';
		try {
			const stored = await this.#worker().stored(runId);
			if (this.#lookedUp !== runId) return;
			this.result = stored?.result ?? null;
			this.stale = stored?.stale ?? false;
			this.source = stored ? 'saved' : null;
			this.phase = 'idle';
		} catch (e) {
			this.#lookedUp = undefined;
			this.error = formatError(
				'The saved forecast could not be read',
				e,
				'Train it again; if that fails too, reload the page.'
			);
			this.phase = 'error';
		}
	}

	/** The backends this browser starts, for the override; asked once. */
	async probe(): Promise<void> {
		await this.#loading;
		if (this.environment) return;
		try {
			this.environment = await this.#worker().environment();
		} catch {
			this.environment = { renderer: null, available: [], wasmSimd: false, wasmThreads: false };
		}
	}

	async train(): Promise<void> {
		if (this.phase === 'training') return;
		this.phase = 'training';
		this.error = null;
		this.cancelling = false;
		this.progress = null;
		this.backend = null;
		this.epochs = [];
		this.startedAt = performance.now();
		try {
			const settings = forecastSettings($state.snapshot(this.choices));
			const { runId, series } = await (await engine.api()).forecastSeries();
			const result = await this.#worker().train(
				series,
				runId,
				settings,
				this.preference,
				Comlink.proxy((progress: JobProgress) => this.#track(progress))
			);
			this.result = result;
			this.stale = false;
			this.source = 'trained';
			this.#lookedUp = runId;
			this.phase = 'done';
		} catch (e) {
			if (e instanceof Error && e.name === 'AbortError') {
				this.phase = 'cancelled';
			} else {
				this.error = formatError(
					'Training the forecast failed',
					e,
					'Check the settings (a shorter lookback needs less history) or choose another backend, then train again.'
				);
				this.phase = 'error';
			}
		} finally {
			await engine.refreshLake().catch(() => {});
		}
	}

	cancel(): void {
		if (this.phase !== 'training') return;
		this.cancelling = true;
		void this.#api?.cancel();
	}

	#track(progress: JobProgress): void {
		this.progress = progress;
		if (progress.stage === 'backend') this.backend = progress.backend;
		if (progress.stage === 'epoch') this.epochs = [...this.epochs, progress.record];
	}
}

export const forecast = new ForecastManager();
