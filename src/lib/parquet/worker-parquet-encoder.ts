import type { ParquetCodec } from './parquet-codec';
import { EncoderStoppedError, type EncodingParquet, type ParquetEncoder } from './parquet-encoder';

/** The engine's end of a worker: plain messages, ArrayBuffers transferred. */
export interface EncoderWorkerPort {
	postMessage(message: ToEncoder, transfer: ArrayBuffer[]): void;
	/** Hands every message from the worker, and any error that ends the worker, to the listeners. */
	listen(onMessage: (message: FromEncoder) => void, onError: (error: Error) => void): void;
	terminate(): void;
}

/** The worker's end: its messages in, replies out. */
export interface EncoderHostPort {
	postMessage(message: FromEncoder, transfer: ArrayBuffer[]): void;
	listen(onMessage: (message: ToEncoder) => void): void;
}

export type ToEncoder =
	| { type: 'chunk'; id: number; ipc: Uint8Array }
	| { type: 'end'; id: number }
	| { type: 'abort'; id: number };

export type FromEncoder =
	| { type: 'ready' }
	| { type: 'failed'; message: string }
	| { type: 'pulled'; id: number; bytes: number }
	| { type: 'done'; id: number; parquet: Uint8Array }
	| { type: 'error'; id: number; message: string };

/**
 * About one of the engine's 122,880-row streams of sales lines beyond the one being encoded. At 1M lines 48,
 * 96 and 192 MB ran equally fast (39.5, 38.2, 38.6 s), and so did 16 and 32 MB later; each step down saved
 * memory down to 32 MB (96 MB: a peak about 90 MB higher), none below it: docs/benchmark.md.
 */
export const DEFAULT_MAX_BYTES_IN_FLIGHT = 32 << 20;

interface Job {
	resolve(parquet: Uint8Array): void;
	reject(error: Error): void;
	failed: Error | null;
}

/**
 * A ParquetEncoder whose encoding runs in a worker (a browser `Worker`, or Node's `worker_threads` for
 * tests and profiling), so that it overlaps the engine's export of the next output on another core.
 * Arrow streams are transferred to the worker, not copied, and the Parquet bytes transferred back. At
 * most `maxBytesInFlight` of Arrow waits in the worker at a time: the producer (DuckDB's export) waits
 * for the worker beyond that, so memory stays bounded whatever a table's size.
 */
export class WorkerParquetEncoder implements ParquetEncoder {
	readonly #port: EncoderWorkerPort;
	readonly #fallback: ParquetEncoder;
	readonly #maxBytesInFlight: number;
	/** Whether the worker's codec started; false: everything is encoded by the fallback. */
	readonly #ready: Promise<boolean>;
	/** The worker died after it started: later hand-overs go to the fallback too. */
	#stopped = false;
	#setReady: (ready: boolean) => void = () => {};
	readonly #jobs = new Map<number, Job>();
	#nextId = 0;
	#bytesInFlight = 0;
	#roomWaiters: (() => void)[] = [];
	#closed: Error | null = null;
	#started = false;

	/**
	 * `fallback` encodes when the worker cannot start (e.g. its codec fails to load), so a run still
	 * publishes, only without the overlap.
	 */
	constructor(
		port: EncoderWorkerPort,
		fallback: ParquetEncoder,
		{ maxBytesInFlight = DEFAULT_MAX_BYTES_IN_FLIGHT }: { maxBytesInFlight?: number } = {}
	) {
		this.#port = port;
		this.#fallback = fallback;
		this.#maxBytesInFlight = maxBytesInFlight;
		this.#ready = new Promise((ready) => {
			this.#setReady = ready;
			port.listen(
				(message) => {
					if (message.type === 'ready' || message.type === 'failed') {
						this.#started = message.type === 'ready';
						ready(this.#started);
					} else this.#receive(message);
				},
				(error) => {
					// Before it is ready, the fallback takes over; after, the encodings it held fail as well.
					if (this.#started && !this.#closed) {
						this.#stopped = true;
						this.#failJobs(new EncoderStoppedError(error));
						port.terminate();
					}
					ready(false);
				}
			);
		});
	}

	async submit(streams: AsyncIterable<Uint8Array>): Promise<EncodingParquet> {
		const ready = await this.#ready;
		if (this.#closed) throw this.#closed;
		if (!ready || this.#stopped) return this.#fallback.submit(streams);
		const id = ++this.#nextId;
		const job = { failed: null } as Job;
		const parquet = new Promise<Uint8Array>((resolve, reject) => Object.assign(job, { resolve, reject }));
		// A job that fails while its streams are still being sent is reported by the loop below.
		parquet.catch(() => {});
		this.#jobs.set(id, job);
		try {
			for await (const ipc of streams) {
				await this.#room(job);
				this.#bytesInFlight += ipc.byteLength;
				this.#port.postMessage({ type: 'chunk', id, ipc }, transferable(ipc));
			}
			this.#throwIfFailed(job);
			this.#port.postMessage({ type: 'end', id }, []);
		} catch (error) {
			this.#jobs.delete(id);
			if (!this.#closed && !this.#stopped) this.#port.postMessage({ type: 'abort', id }, []);
			throw error;
		}
		return { parquet };
	}

	close(): void {
		this.#closed ??= new Error('The Parquet encoder was closed');
		this.#failJobs(this.#closed);
		this.#setReady(false);
		this.#port.terminate();
		this.#fallback.close();
	}

	#receive(message: FromEncoder): void {
		if (message.type === 'pulled') {
			this.#bytesInFlight -= message.bytes;
			const waiters = this.#roomWaiters;
			this.#roomWaiters = [];
			for (const wake of waiters) wake();
			return;
		}
		if (message.type !== 'done' && message.type !== 'error') return;
		const job = this.#jobs.get(message.id);
		if (!job) return;
		this.#jobs.delete(message.id);
		if (message.type === 'done') job.resolve(message.parquet);
		else this.#failJob(job, new Error(message.message));
	}

	/** Waits until the worker has room for another stream (or the job failed meanwhile). */
	async #room(job: Job): Promise<void> {
		this.#throwIfFailed(job);
		while (this.#bytesInFlight >= this.#maxBytesInFlight) {
			await new Promise<void>((wake) => this.#roomWaiters.push(wake));
			this.#throwIfFailed(job);
		}
	}

	#throwIfFailed(job: Job): void {
		const error = job.failed ?? this.#closed;
		if (error) throw error;
	}

	#failJob(job: Job, error: Error): void {
		job.failed = error;
		job.reject(error);
		const waiters = this.#roomWaiters;
		this.#roomWaiters = [];
		for (const wake of waiters) wake();
	}

	#failJobs(error: Error): void {
		for (const job of this.#jobs.values()) this.#failJob(job, error);
		this.#jobs.clear();
		for (const wake of this.#roomWaiters) wake();
		this.#roomWaiters = [];
	}
}

/**
 * The worker's side: encodes each job's streams with `codec` as they arrive, one job after another in
 * arrival order. Tells the engine once the codec is ready (or could not start).
 */
export function serveParquetEncoder(port: EncoderHostPort, codec: Promise<ParquetCodec>): void {
	const jobs = new Map<number, ChunkQueue>();
	let encoding = Promise.resolve();
	port.listen((message) => {
		const { id } = message;
		let queue = jobs.get(id);
		if (message.type === 'abort') {
			queue?.discard();
			jobs.delete(id);
			return;
		}
		if (!queue) {
			const created = (queue = new ChunkQueue((bytes) =>
				port.postMessage({ type: 'pulled', id, bytes }, [])
			));
			jobs.set(id, created);
			encoding = encoding.then(() => encodeJob(id, created));
		}
		if (message.type === 'chunk') queue.push(message.ipc);
		else queue.end();
	});
	async function encodeJob(id: number, queue: ChunkQueue): Promise<void> {
		try {
			const parquet = await (await codec).encodeStreams!(queue);
			if (!queue.discarded) port.postMessage({ type: 'done', id, parquet }, transferable(parquet));
		} catch (error) {
			if (!queue.discarded) port.postMessage({ type: 'error', id, message: messageOf(error) }, []);
		} finally {
			// Streams still coming (the engine stops at its next one, then aborts) are dropped as they arrive.
			queue.discard();
			if (queue.ended) jobs.delete(id);
		}
	}
	codec.then(
		(ready) => {
			if (!ready.encodeStreams) throw new Error('The codec cannot encode streams');
			port.postMessage({ type: 'ready' }, []);
		},
		(error) => port.postMessage({ type: 'failed', message: messageOf(error) }, [])
	);
}

/**
 * One job's streams as an async iterable: pushed by messages, pulled by the codec. Every stream is
 * reported once it leaves the queue (pulled or dropped), which is what frees room on the engine's side.
 */
class ChunkQueue implements AsyncIterable<Uint8Array> {
	readonly #chunks: Uint8Array[] = [];
	#wake: (() => void) | null = null;
	ended = false;
	discarded = false;

	constructor(private readonly onLeft: (bytes: number) => void) {}

	push(chunk: Uint8Array): void {
		if (this.discarded) this.onLeft(chunk.byteLength);
		else this.#chunks.push(chunk);
		this.#notify();
	}

	end(): void {
		this.ended = true;
		this.#notify();
	}

	/** Drops what is queued and anything pushed later; a pull in progress fails. */
	discard(): void {
		this.discarded = true;
		for (const chunk of this.#chunks.splice(0)) this.onLeft(chunk.byteLength);
		this.#notify();
	}

	async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
		for (;;) {
			const chunk = this.#chunks.shift();
			if (chunk) {
				this.onLeft(chunk.byteLength);
				yield chunk;
			} else if (this.discarded) {
				throw new Error('The encoding was aborted');
			} else if (this.ended) {
				return;
			} else {
				await new Promise<void>((wake) => (this.#wake = wake));
			}
		}
	}

	#notify(): void {
		const wake = this.#wake;
		this.#wake = null;
		wake?.();
	}
}

/** The buffer to transfer with a view, when the view covers it whole; a view on part of one is copied. */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
	const { buffer } = bytes;
	// By tag, not instanceof: the buffer may come from another realm.
	const plain = Object.prototype.toString.call(buffer) === '[object ArrayBuffer]';
	return plain && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
		? [buffer as ArrayBuffer]
		: [];
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
