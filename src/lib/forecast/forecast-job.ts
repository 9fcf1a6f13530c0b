import type { LakeStore } from '../lake/lake-store';
import type { ParquetCodec } from '../parquet/parquet-codec';
import { chooseBackend, trialBatchMs, useBackend } from './backend';
import type { BackendPreference } from './backend-names';
import type { DailySeries } from './daily-series';
import { deleteOtherForecasts, saveForecast } from './forecast-store';
import type { BackendInfo, ForecastResult, ForecastSettings } from './forecast-result';
import { buildModel, modelFiles } from './model';
import { runForecast, type ForecastProgress } from './run-forecast';
import { HORIZON } from './split';
import { contextFeatures, SEQUENCE_FEATURES } from './windows';

/** What a training reports: the backend chosen, then `runForecast`'s progress, then the save. */
export type JobProgress = { stage: 'backend'; backend: BackendInfo } | ForecastProgress | { stage: 'saving' };

export interface ForecastJob {
	series: DailySeries;
	/** The published pipeline run the series were read from. */
	runId: string;
	settings: ForecastSettings;
	backend: BackendInfo;
}

/**
 * Runs the forecast on the current backend and, given a lake, saves it (rows, model, evaluation) under the
 * run and removes the forecasts of older runs. The model is disposed before this returns.
 */
export async function trainAndSave(
	job: ForecastJob,
	lake: { store: LakeStore; codec: ParquetCodec } | null,
	hooks: { onProgress?(progress: JobProgress): void; signal?: AbortSignal } = {}
): Promise<ForecastResult> {
	const outcome = await runForecast(job.series, job.settings, hooks);
	try {
		const result: ForecastResult = {
			evaluation: {
				...outcome.evaluation,
				runId: job.runId,
				trainedAt: new Date().toISOString(),
				backend: job.backend
			},
			rows: outcome.rows
		};
		if (lake) {
			hooks.onProgress?.({ stage: 'saving' });
			await saveForecast(lake.store, lake.codec, result, await modelFiles(outcome.model));
			await deleteOtherForecasts(lake.store, job.runId);
		}
		return result;
	} finally {
		outcome.model.dispose();
	}
}

/**
 * The backend for these settings (see `chooseBackend`), switched to: each backend is tried with
 * `tf.setBackend`, and a trial trains the model these settings build. `renderer` is the WebGL renderer's
 * name, or null where there is no WebGL (Node).
 */
export function chooseForecastBackend(
	preference: BackendPreference,
	renderer: string | null,
	settings: ForecastSettings,
	seriesCount: number
): Promise<BackendInfo> {
	return chooseBackend(preference, {
		available: useBackend,
		renderer: () => renderer,
		trialMs: async (name) => {
			if (!(await useBackend(name))) return Infinity;
			return trialBatchMs(
				() => buildModel(settings, seriesCount, HORIZON, settings.seed),
				[[settings.lookback, SEQUENCE_FEATURES], [contextFeatures(seriesCount, HORIZON)]],
				HORIZON,
				settings.batchSize
			);
		}
	});
}
