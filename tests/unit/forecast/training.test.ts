import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForecastSettings } from '../../../src/lib/forecast/forecast-result';
import { buildModel, loadModel, modelFiles } from '../../../src/lib/forecast/model';
import { prepareWindows } from '../../../src/lib/forecast/run-forecast';
import { DEFAULT_SETTINGS } from '../../../src/lib/forecast/settings';
import { HORIZON } from '../../../src/lib/forecast/split';
import { predictWindows, trainModel, type EpochRecord } from '../../../src/lib/forecast/train';
import { syntheticSeries } from './synthetic-series';

// A tiny model on tfjs's cpu backend (deterministic, and the only one in plain Node besides wasm).
const SETTINGS: ForecastSettings = {
	...DEFAULT_SETTINGS,
	lookback: 7,
	units: 4,
	epochs: 4,
	batchSize: 32,
	stride: 1,
	patience: 10,
	learningRate: 0.01
};
const series = syntheticSeries({ days: 200 });
const data = prepareWindows(series, SETTINGS);

function freshModel(seed = SETTINGS.seed) {
	return buildModel(SETTINGS, series.names.length, HORIZON, seed);
}

async function weightsAfterTraining(seed: number): Promise<Float32Array[]> {
	const model = freshModel(seed);
	await trainModel(model, data.train, data.validation, SETTINGS.lookback, { ...SETTINGS, seed });
	const weights = model.getWeights().map((weight) => weight.dataSync() as Float32Array);
	model.dispose();
	return weights;
}

describe('LSTM training in Node (cpu backend)', () => {
	beforeAll(async () => {
		await tf.setBackend('cpu');
		tf.enableProdMode();
	});

	it('lowers the training loss, and the same seed gives bit-identical weights twice', async () => {
		const model = freshModel();
		const { epochs } = await trainModel(model, data.train, data.validation, SETTINGS.lookback, SETTINGS);
		model.dispose();
		expect(epochs).toHaveLength(4);
		expect(epochs[3].loss).toBeLessThan(epochs[0].loss * 0.9);
		expect(epochs.every((epoch) => Number.isFinite(epoch.valLoss))).toBe(true);

		const first = await weightsAfterTraining(42);
		const second = await weightsAfterTraining(42);
		expect(second.map((w) => [...w])).toEqual(first.map((w) => [...w]));
		const other = await weightsAfterTraining(43);
		expect(other.map((w) => [...w])).not.toEqual(first.map((w) => [...w]));
	}, 120_000);

	it('leaks no tensor across epochs, and none once training is over', async () => {
		const model = freshModel();
		const before = tf.memory().numTensors;
		const perEpoch: number[] = [];
		await trainModel(model, data.train, data.validation, SETTINGS.lookback, SETTINGS, {
			onEpoch: () => perEpoch.push(tf.memory().numTensors)
		});
		// Epoch 1 adds the optimizer's moments and the kept best weights; later epochs add nothing.
		expect(new Set(perEpoch.slice(1)).size).toBe(1);
		expect(tf.memory().numTensors).toBe(before);
		model.dispose();
	}, 60_000);

	it('stops on a cancel with an AbortError, leaving no tensor behind', async () => {
		const model = freshModel();
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		const epochs: EpochRecord[] = [];
		const training = trainModel(model, data.train, data.validation, SETTINGS.lookback, SETTINGS, {
			signal: controller.signal,
			onEpoch: (record) => {
				epochs.push(record);
				controller.abort();
			}
		});
		await expect(training).rejects.toMatchObject({ name: 'AbortError' });
		expect(epochs).toHaveLength(1);
		expect(tf.memory().numTensors).toBe(before);
		model.dispose();
	}, 60_000);

	it('a saved model loads back and forecasts exactly what it forecast before saving', async () => {
		const model = freshModel();
		await trainModel(model, data.train, data.validation, SETTINGS.lookback, { ...SETTINGS, epochs: 1 });
		const before = predictWindows(model, data.validation, SETTINGS.lookback);
		const files = await modelFiles(model);
		const loaded = await loadModel({
			json: JSON.parse(JSON.stringify(files.json)),
			weights: files.weights.slice()
		});
		expect(predictWindows(loaded, data.validation, SETTINGS.lookback)).toEqual(before);
		model.dispose();
		loaded.dispose();
	}, 60_000);
});
