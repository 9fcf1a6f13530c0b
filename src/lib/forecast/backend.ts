import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from './forecast-result';

import type { BackendName, BackendPreference } from './backend-names';

/** What the platform can tell and do: the worker answers for the browser, the CLI for Node. */
export interface BackendProbe {
	/** Whether `tf.setBackend(name)` succeeds here (the backend is registered and starts). */
	available(name: BackendName): Promise<boolean>;
	/** The WebGL renderer's name (`WEBGL_debug_renderer_info`), or null without WebGL. */
	renderer(): string | null;
	/** Milliseconds per training batch of the default model on `name`, from a short trial. */
	trialMs(name: BackendName): Promise<number>;
}

/** Renderers that draw on the CPU: SwiftShader (Chromium without a GPU), llvmpipe/softpipe (Mesa), WARP. */
export function isSoftwareRenderer(renderer: string): boolean {
	return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/**
 * Picks the backend and says why. A named preference is used when it starts. `auto`: WebGL on a software
 * renderer is never faster than wasm (docs/platform.md: SwiftShader ≈ 5× slower), so it is skipped without a
 * trial; on a real GPU a short trial of WebGL against wasm decides; cpu is the last resort.
 */
export async function chooseBackend(
	preference: BackendPreference,
	probe: BackendProbe
): Promise<BackendInfo> {
	if (preference !== 'auto') {
		if (!(await probe.available(preference))) {
			throw new Error(`The ${preference} backend does not start in this browser; choose another or Auto.`);
		}
		return { name: preference, reason: `${preference} was chosen on the page.` };
	}
	const wasm = await probe.available('wasm');
	const renderer = probe.renderer();
	const gpu = renderer !== null && !isSoftwareRenderer(renderer) && (await probe.available('webgl'));
	if (gpu && wasm) {
		const webglMs = await probe.trialMs('webgl');
		const wasmMs = await probe.trialMs('wasm');
		const name = webglMs < wasmMs ? 'webgl' : 'wasm';
		await probe.available(name);
		return {
			name,
			reason: `Auto: a short trial took ${Math.round(webglMs)} ms per batch on WebGL (${renderer}) and ${Math.round(wasmMs)} ms on wasm.`
		};
	}
	if (gpu) return { name: 'webgl', reason: `Auto: WebGL on ${renderer}; wasm does not start here.` };
	const why =
		renderer === null
			? 'there is no WebGL here'
			: isSoftwareRenderer(renderer)
				? `WebGL draws in software here (${renderer}), several times slower than wasm`
				: 'WebGL does not start here';
	if (wasm) return { name: 'wasm', reason: `Auto: wasm, because ${why}.` };
	if (await probe.available('cpu'))
		return { name: 'cpu', reason: `Auto: cpu, because ${why} and wasm does not start.` };
	throw new Error('No TensorFlow.js backend starts in this browser.');
}

/** Switches tfjs to `name`; false when that backend is not registered or fails to start. */
export async function useBackend(name: BackendName): Promise<boolean> {
	if (!tf.findBackendFactory(name)) return false;
	try {
		const ok = await tf.setBackend(name);
		await tf.ready();
		return ok && tf.getBackend() === name;
	} catch {
		return false;
	}
}

/**
 * Milliseconds per training batch of a model shaped like `shape` on the current backend: one batch to warm
 * up (shader compilation, wasm start), then the median of three. Every tensor is disposed.
 */
export async function trialBatchMs(
	build: () => tf.LayersModel,
	inputShapes: [number[], number[]],
	outputSize: number,
	batchSize: number
): Promise<number> {
	const model = build();
	const optimizer = tf.train.adam(0.001);
	model.compile({ optimizer, loss: 'meanSquaredError' });
	const inputs = inputShapes.map((shape) => tf.randomNormal([batchSize, ...shape], 0, 1, 'float32', 1));
	const target = tf.randomNormal([batchSize, outputSize], 0, 1, 'float32', 2);
	try {
		const times: number[] = [];
		for (let i = 0; i < 4; i++) {
			const started = performance.now();
			await model.trainOnBatch(inputs, target);
			if (i > 0) times.push(performance.now() - started);
		}
		return times.sort((a, b) => a - b)[1];
	} finally {
		tf.dispose([...inputs, target]);
		optimizer.dispose();
		model.dispose();
	}
}
