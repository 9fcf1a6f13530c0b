import {
	DateDay,
	Float64,
	makeData,
	makeVector,
	Table,
	tableFromIPC,
	tableToIPC,
	Utf8,
	vectorFromArray
} from 'apache-arrow';
import { parseIsoDate } from '../calendar/dates';
import type { LakeStore } from '../lake/lake-store';
import type { ParquetCodec } from '../parquet/parquet-codec';
import { readLakeJson, writeLakeJson } from '../pipeline/run/lake-json';
import { tableToResult } from '../sql/arrow-rows';
import type { ForecastEvaluation, ForecastResult, ForecastRow } from './forecast-result';
import type { ModelFiles } from './model';

/**
 * A forecast in the lake, one folder per published run it learned from:
 *
 * ```
 * analytics/forecast/<run_id>/forecast.parquet   the per-day rows (series, date, kind, model, value, bands)
 *                             model.json          the network's topology and weight manifest (tfjs)
 *                             weights.bin         its weights
 *                             evaluation.json     settings, backend, metrics, verdict, coverage, training
 * ```
 *
 * `evaluation.json` is written last and removed first, so a folder without it is an unfinished save and
 * is never read. The pipeline never deletes `analytics/` (it only deletes tables its manifests listed).
 */
export const FORECAST_FOLDER = 'analytics/forecast';

export function forecastFolder(runId: string): string {
	if (!/^[\w.-]+$/.test(runId)) throw new Error(`Not a run id: ${JSON.stringify(runId)}`);
	return `${FORECAST_FOLDER}/${runId}`;
}

const file = (runId: string, name: string) => `${forecastFolder(runId)}/${name}`;

/** Saves a forecast and its model for `result.evaluation.runId`, replacing any earlier one for that run. */
export async function saveForecast(
	store: LakeStore,
	codec: ParquetCodec,
	result: ForecastResult,
	model: ModelFiles
): Promise<void> {
	const runId = result.evaluation.runId;
	await store.delete(file(runId, 'evaluation.json'));
	await store.write(file(runId, 'forecast.parquet'), codec.encode(rowsToIpc(result.rows)));
	await writeLakeJson(store, file(runId, 'model.json'), model.json);
	await store.write(file(runId, 'weights.bin'), model.weights);
	await writeLakeJson(store, file(runId, 'evaluation.json'), result.evaluation);
}

/** The forecast saved for `runId`, or null when there is none (or only an unfinished one). */
export async function readForecast(
	store: LakeStore,
	codec: ParquetCodec,
	runId: string
): Promise<ForecastResult | null> {
	const evaluation = await readLakeJson<ForecastEvaluation>(store, file(runId, 'evaluation.json'));
	if (!evaluation) return null;
	return { evaluation, rows: ipcToRows(codec.decode(await store.read(file(runId, 'forecast.parquet')))) };
}

export async function readModelFiles(store: LakeStore, runId: string): Promise<ModelFiles | null> {
	const json = await readLakeJson<ModelFiles['json']>(store, file(runId, 'model.json'));
	return json && { json, weights: await store.read(file(runId, 'weights.bin')) };
}

/** Every saved forecast's evaluation, newest training first. */
export async function listForecasts(store: LakeStore): Promise<ForecastEvaluation[]> {
	const paths = (await store.list(FORECAST_FOLDER)).filter((entry) =>
		entry.path.endsWith('/evaluation.json')
	);
	const evaluations = await Promise.all(
		paths.map((entry) => readLakeJson<ForecastEvaluation>(store, entry.path).catch(() => null))
	);
	return evaluations
		.filter((evaluation): evaluation is ForecastEvaluation => typeof evaluation?.runId === 'string')
		.sort((a, b) => b.trainedAt.localeCompare(a.trainedAt));
}

/** Deletes the forecasts of every run but `runId`: a forecast of an older Gold is only kept until a newer one exists. */
export async function deleteOtherForecasts(store: LakeStore, runId: string): Promise<void> {
	const runs = new Set((await store.list(FORECAST_FOLDER)).map((entry) => entry.path.split('/')[2]));
	for (const run of runs) if (run !== runId) await store.delete(`${FORECAST_FOLDER}/${run}`);
}

function rowsToIpc(rows: readonly ForecastRow[]): Uint8Array {
	const days = Int32Array.from(rows, (row) => {
		const day = parseIsoDate(row.date);
		if (day === null) throw new Error(`Not a date: ${row.date}`);
		return day;
	});
	const numbers = (pick: (row: ForecastRow) => number | null) =>
		vectorFromArray(rows.map(pick), new Float64());
	const table = new Table({
		series: vectorFromArray(
			rows.map((row) => row.series),
			new Utf8()
		),
		date: makeVector(makeData({ type: new DateDay(), data: days })),
		kind: vectorFromArray(
			rows.map((row) => row.kind),
			new Utf8()
		),
		model: vectorFromArray(
			rows.map((row) => row.model),
			new Utf8()
		),
		value: numbers((row) => row.value),
		lo80: numbers((row) => row.lo80),
		hi80: numbers((row) => row.hi80),
		lo95: numbers((row) => row.lo95),
		hi95: numbers((row) => row.hi95)
	});
	return tableToIPC(table, 'stream');
}

function ipcToRows(ipc: Uint8Array): ForecastRow[] {
	return tableToResult(tableFromIPC(ipc)).rows.map((row) => ({
		series: String(row.series),
		date: (row.date as Date).toISOString().slice(0, 10),
		kind: row.kind as ForecastRow['kind'],
		model: row.model as ForecastRow['model'],
		value: row.value as number,
		lo80: row.lo80 as number | null,
		hi80: row.hi80 as number | null,
		lo95: row.lo95 as number | null,
		hi95: row.hi95 as number | null
	}));
}

/** A saved forecast, and whether it learned from an older Gold than the one published now. */
export interface StoredForecast {
	result: ForecastResult;
	stale: boolean;
}

/**
 * The forecast of the published run `runId` when there is one; otherwise the newest saved forecast, marked
 * stale (a newer pipeline run published since it was trained); null when none was saved.
 */
export async function readLatestForecast(
	store: LakeStore,
	codec: ParquetCodec,
	runId: string | null
): Promise<StoredForecast | null> {
	if (runId) {
		const current = await readForecast(store, codec, runId);
		if (current) return { result: current, stale: false };
	}
	const [newest] = await listForecasts(store);
	if (!newest) return null;
	const result = await readForecast(store, codec, newest.runId);
	return result && { result, stale: true };
}
