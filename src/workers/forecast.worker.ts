/// <reference lib="webworker" />
// The forecast worker: TensorFlow.js on the backend chosen at run time, training on the series the page
// passes (read from Gold by the engine worker), saving to and reading from the lake in OPFS.
import * as Comlink from 'comlink';
import tfjsWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfjsWasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfjsWasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { BACKENDS, type BackendName, type BackendPreference } from '$lib/forecast/backend-names';
import type { DailySeries } from '$lib/forecast/daily-series';
import type { JobProgress } from '$lib/forecast/forecast-job';
import type { ForecastResult, ForecastSettings } from '$lib/forecast/forecast-result';
import { readLatestForecast, type StoredForecast } from '$lib/forecast/forecast-store';
import { connectSharedLake, openLake } from '$lib/lake/browser-lake';
import { createParquetWasmCodec } from '$lib/parquet/parquet-wasm-codec';

export interface ForecastEnvironment {
	renderer: string | null;
	available: BackendName[];
	wasmSimd: boolean;
	/** Threads need a cross-origin isolated page (COOP/COEP headers), which a static host may not send. */
	wasmThreads: boolean;
}

let lake: ReturnType<typeof openForecastLake> | null = null;
let tfjs: ReturnType<typeof loadTensorFlow> | null = null;
let running: AbortController | null = null;

async function openForecastLake() {
	const [{ store }, codec] = await Promise.all([openLake(), createParquetWasmCodec(parquetWasmUrl)]);
	return { store, codec };
}

/** The lake, opened once; a failed opening is tried again on the next call. */
function forecastLake(): ReturnType<typeof openForecastLake> {
	lake ??= openForecastLake().catch((error) => {
		lake = null;
		throw error;
	});
	return lake;
}

/**
 * TensorFlow.js and the training code, loaded on first use only: reopening a saved forecast needs neither.
 * The wasm backend's files are same-origin copies, precached by the service worker, so it starts offline.
 */
async function loadTensorFlow() {
	const [tf, wasm, backend, job] = await Promise.all([
		import('@tensorflow/tfjs'),
		import('@tensorflow/tfjs-backend-wasm'),
		import('$lib/forecast/backend'),
		import('$lib/forecast/forecast-job')
	]);
	wasm.setWasmPaths({
		'tfjs-backend-wasm.wasm': tfjsWasmUrl,
		'tfjs-backend-wasm-simd.wasm': tfjsWasmSimdUrl,
		'tfjs-backend-wasm-threaded-simd.wasm': tfjsWasmThreadedUrl
	});
	return { tf, backend, job };
}

function tensorFlow(): ReturnType<typeof loadTensorFlow> {
	tfjs ??= loadTensorFlow();
	return tfjs;
}

/** The WebGL renderer's name (unmasked where the browser allows), or null without WebGL in a worker. */
function webglRenderer(): string | null {
	try {
		const gl =
			new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
		if (!gl) return null;
		const info = gl.getExtension('WEBGL_debug_renderer_info');
		return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
	} catch {
		return null;
	}
}

const api = {
	/** Without OPFS: the tab's in-memory lake, which the page holds (see `shareLakeWith`). */
	connectLake(port: MessagePort): void {
		connectSharedLake(port);
	},
	/** The WebGL renderer, the backends that start here (for the page's override) and the wasm backend's features. */
	async environment(): Promise<ForecastEnvironment> {
		const { tf, backend } = await tensorFlow();
		const available: BackendName[] = [];
		for (const name of BACKENDS) if (await backend.useBackend(name)) available.push(name);
		return {
			renderer: webglRenderer(),
			available,
			wasmSimd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
			wasmThreads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))
		};
	},
	/** Trains on `series` (of the published `runId`), saves, and returns the forecast; `cancel()` rejects it with an AbortError. */
	async train(
		series: DailySeries,
		runId: string,
		settings: ForecastSettings,
		preference: BackendPreference,
		onProgress: (progress: JobProgress) => void
	): Promise<ForecastResult> {
		if (running) throw new Error('A forecast is already training in this tab.');
		running = new AbortController();
		try {
			const { job } = await tensorFlow();
			const backend = await job.chooseForecastBackend(
				preference,
				webglRenderer(),
				settings,
				series.names.length
			);
			onProgress({ stage: 'backend', backend });
			return await job.trainAndSave({ series, runId, settings, backend }, await forecastLake(), {
				onProgress,
				signal: running.signal
			});
		} finally {
			running = null;
		}
	},
	cancel(): void {
		running?.abort();
	},
	/** The saved forecast for the published `runId`, else the newest saved one marked stale; null if none. */
	async stored(runId: string | null): Promise<StoredForecast | null> {
		const { store, codec } = await forecastLake();
		return readLatestForecast(store, codec, runId);
	}
};

export type ForecastApi = typeof api;

Comlink.expose(api);
