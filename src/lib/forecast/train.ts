import * as tf from '@tensorflow/tfjs';
import { Rng } from '../generate/rng';
import { SEQUENCE_FEATURES, type Windows } from './windows';

export interface TrainSettings {
	/** Passes over the training windows, at most (early stopping may end sooner). */
	epochs: number;
	batchSize: number;
	learningRate: number;
	/** Epochs without a better validation loss before training stops. */
	patience: number;
	/** Seeds the order the windows are visited in, epoch by epoch. */
	seed: number;
}

export interface EpochRecord {
	epoch: number;
	/** Mean squared error on the training windows (scaled units), averaged over the epoch's batches. */
	loss: number;
	/** Mean squared error on the validation windows after the epoch. */
	valLoss: number;
	/** Wall time of the epoch's training batches (validation excluded). */
	ms: number;
}

export interface TrainHooks {
	/** After every batch: the epoch (1-based) and how many of its batches are done. */
	onBatch?(epoch: number, batch: number, batches: number): void;
	onEpoch?(record: EpochRecord): void;
	/** Aborting stops training after the current batch with an `AbortError`. */
	signal?: AbortSignal;
}

export interface TrainOutcome {
	epochs: EpochRecord[];
	/** The epoch whose weights the model keeps: the lowest validation loss. */
	bestEpoch: number;
	stoppedEarly: boolean;
}

/** Model inputs as tensors; dispose them when done. */
export function windowTensors(windows: Windows, lookback: number): tf.Tensor[] {
	return [
		tf.tensor3d(windows.sequence, [windows.count, lookback, SEQUENCE_FEATURES]),
		tf.tensor2d(windows.context, [windows.count, windows.context.length / windows.count])
	];
}

/**
 * Trains `model` on `train` with Adam on mean squared error, shuffling with a seeded generator (tfjs's own
 * shuffle uses Math.random), and keeps the weights of the epoch with the lowest validation loss. Every
 * tensor it makes is disposed by the time it returns or throws, the optimizer's included.
 */
export async function trainModel(
	model: tf.LayersModel,
	train: Windows,
	validation: Windows,
	lookback: number,
	settings: TrainSettings,
	hooks: TrainHooks = {}
): Promise<TrainOutcome> {
	if (!train.target || !validation.target) throw new Error('Training and validation windows need targets.');
	const optimizer = tf.train.adam(settings.learningRate);
	model.compile({ optimizer, loss: 'meanSquaredError' });
	const horizon = train.target.length / train.count;
	const [sequence, context] = windowTensors(train, lookback);
	const target = tf.tensor2d(train.target, [train.count, horizon]);
	const validationInputs = windowTensors(validation, lookback);
	const validationTarget = tf.tensor2d(validation.target, [validation.count, horizon]);
	const rng = Rng.stream(settings.seed, 'forecast-shuffle');
	const order = Int32Array.from({ length: train.count }, (_, i) => i);
	const batches = Math.ceil(train.count / settings.batchSize);
	const epochs: EpochRecord[] = [];
	let best: { epoch: number; loss: number; weights: tf.Tensor[] } | null = null;
	let stoppedEarly = false;
	try {
		for (let epoch = 1; epoch <= settings.epochs; epoch++) {
			shuffle(order, rng);
			const started = performance.now();
			let lossSum = 0;
			for (let b = 0; b < batches; b++) {
				hooks.signal?.throwIfAborted();
				const slice = order.subarray(b * settings.batchSize, (b + 1) * settings.batchSize);
				const batch = tf.tidy(() => {
					const indices = tf.tensor1d(slice, 'int32');
					return [sequence, context, target].map((tensor) => tf.gather(tensor, indices));
				});
				try {
					const loss = (await model.trainOnBatch([batch[0], batch[1]], batch[2])) as number;
					lossSum += loss * slice.length;
				} finally {
					tf.dispose(batch);
				}
				hooks.onBatch?.(epoch, b + 1, batches);
				await nextTask(); // lets a cancel message in
			}
			const ms = performance.now() - started;
			const valLoss = tf.tidy(
				() =>
					tf.losses
						.meanSquaredError(validationTarget, model.predict(validationInputs) as tf.Tensor)
						.dataSync()[0]
			);
			const record = { epoch, loss: lossSum / train.count, valLoss, ms };
			epochs.push(record);
			if (!best || valLoss < best.loss) {
				if (best) tf.dispose(best.weights);
				best = { epoch, loss: valLoss, weights: model.getWeights().map((weight) => weight.clone()) };
			}
			hooks.onEpoch?.(record);
			if (epoch - best.epoch >= settings.patience && epoch < settings.epochs) {
				stoppedEarly = true;
				break;
			}
		}
		model.setWeights(best!.weights);
		return { epochs, bestEpoch: best!.epoch, stoppedEarly };
	} finally {
		if (best) tf.dispose(best.weights);
		tf.dispose([sequence, context, target, validationTarget, ...validationInputs]);
		optimizer.dispose();
	}
}

/** The model's forecasts of `windows` in scaled units (its output plus each window's level), `[count × horizon]`. */
export function predictWindows(model: tf.LayersModel, windows: Windows, lookback: number): Float32Array {
	const output = tf.tidy(() => (model.predict(windowTensors(windows, lookback)) as tf.Tensor).dataSync());
	const horizon = output.length / windows.count;
	return Float32Array.from(output, (value, i) => value + windows.level[Math.floor(i / horizon)]);
}

/** Fisher-Yates with the seeded generator. */
function shuffle(order: Int32Array, rng: Rng): void {
	for (let i = order.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
}

function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
