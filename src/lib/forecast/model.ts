import * as tf from '@tensorflow/tfjs';
import { contextFeatures, SEQUENCE_FEATURES } from './windows';

/** The shape of the network: what the page's settings change. */
export interface ModelShape {
	/** Days of history the LSTM reads. */
	lookback: number;
	/** LSTM units per layer. */
	units: number;
	/** LSTM layers, 1 or 2. */
	layers: number;
}

/**
 * One global model for every series: an LSTM reads the lookback window; its last state, the series id and
 * the known-ahead calendar of the forecast days feed a small dense head that outputs all `horizon` days at
 * once (direct multi-horizon, no recursion). Every initializer is seeded, so the same seed gives the same
 * starting weights on every backend.
 */
export function buildModel(
	shape: ModelShape,
	seriesCount: number,
	horizon: number,
	seed: number
): tf.LayersModel {
	if (shape.layers < 1 || shape.layers > 2) throw new Error(`An LSTM of 1 or 2 layers, not ${shape.layers}.`);
	let seeds = seed;
	const glorot = () => tf.initializers.glorotUniform({ seed: seeds++ });
	const sequence = tf.input({ shape: [shape.lookback, SEQUENCE_FEATURES], name: 'sequence' });
	const context = tf.input({ shape: [contextFeatures(seriesCount, horizon)], name: 'context' });
	let state: tf.SymbolicTensor = sequence;
	for (let layer = 0; layer < shape.layers; layer++) {
		state = tf.layers
			.lstm({
				units: shape.units,
				returnSequences: layer < shape.layers - 1,
				kernelInitializer: glorot(),
				recurrentInitializer: tf.initializers.orthogonal({ seed: seeds++, gain: 1 }),
				name: `lstm_${layer + 1}`
			})
			.apply(state) as tf.SymbolicTensor;
	}
	const joined = tf.layers.concatenate({ name: 'joined' }).apply([state, context]) as tf.SymbolicTensor;
	const hidden = tf.layers
		.dense({ units: 64, activation: 'relu', kernelInitializer: glorot(), name: 'hidden' })
		.apply(joined) as tf.SymbolicTensor;
	const output = tf.layers
		.dense({ units: horizon, kernelInitializer: glorot(), name: 'horizon' })
		.apply(hidden) as tf.SymbolicTensor;
	return tf.model({ inputs: [sequence, context], outputs: output, name: 'demand_lstm' });
}

/** A trained model as two files: the topology and weight manifest (JSON) and the weights (bytes). */
export interface ModelFiles {
	json: { modelTopology: unknown; weightSpecs: tf.io.WeightsManifestEntry[] };
	weights: Uint8Array;
}

export async function modelFiles(model: tf.LayersModel): Promise<ModelFiles> {
	let files: ModelFiles | null = null;
	await model.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const data = artifacts.weightData;
			const buffer = data === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(data);
			files = {
				json: { modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs ?? [] },
				weights: new Uint8Array(buffer)
			};
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		})
	);
	return files!;
}

export function loadModel(files: ModelFiles): Promise<tf.LayersModel> {
	const weights = files.weights.slice().buffer;
	return tf.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: files.json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
			weightSpecs: files.json.weightSpecs,
			weightData: weights
		})
	);
}
