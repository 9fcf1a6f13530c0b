import type { EncodingParquet, ParquetEncoder } from '../../parquet/parquet-encoder';
import type { BronzeBatchSink } from '../ingest/bronze-batch-sink';
import type { RawFileRef } from '../types';
import { bronzeBatchKey } from './lake-layout';

/**
 * Each ingested file's Bronze batch, encoded as Parquet while the run goes on from the rows ingest appended,
 * instead of exported from the engine at publish (docs/pipeline.md, "Two cores at publish"). A batch whose
 * sink was abandoned, or whose encoding failed to start, is exported as before.
 */
export class BronzeBatchEncodings {
	readonly #encoder: ParquetEncoder;
	/** By the batch's manifest key: its streams, and its encoding once every one is handed over (null: export it). */
	readonly #batches = new Map<string, { handOver: HandOver; submitted: Promise<EncodingParquet | null> }>();

	constructor(encoder: ParquetEncoder) {
		this.#encoder = encoder;
	}

	/** A sink whose streams go to the encoder as one Parquet file for the file's batch. */
	open(file: RawFileRef): BronzeBatchSink {
		const handOver = new HandOver();
		const submitted = this.#encoder.submit(handOver).catch(() => null);
		this.#batches.set(bronzeBatchKey(file.dataset, file.batchId), { handOver, submitted });
		// Should the encoder stop taking streams, the producer is let go.
		void submitted.then(() => handOver.close());
		return handOver;
	}

	/** The batch's encoding, or null when it is to be exported (as is a batch its ingest never ended). */
	async encoding(key: string): Promise<EncodingParquet | null> {
		const batch = this.#batches.get(key);
		if (!batch) return null;
		if (!batch.handOver.ended) batch.handOver.abandon();
		return batch.submitted;
	}
}

/**
 * Streams handed from the producer (ingest) to the consumer (the encoder) one at a time: `add` resolves once
 * the consumer has taken the stream, so the producer runs at most one stream ahead of the encoder's room.
 */
class HandOver implements BronzeBatchSink, AsyncIterable<Uint8Array> {
	#waiting: { ipc: Uint8Array; taken: () => void } | null = null;
	#wake: (() => void) | null = null;
	#ended = false;
	#abandoned = false;
	#closed = false;

	/** Whether the producer said every stream was added. */
	get ended(): boolean {
		return this.#ended;
	}

	add(ipc: Uint8Array): Promise<void> {
		if (this.#closed || this.#abandoned) return Promise.resolve();
		return new Promise((taken) => {
			this.#waiting = { ipc, taken };
			this.#notify();
		});
	}

	end(): void {
		this.#ended = true;
		this.#notify();
	}

	abandon(): void {
		this.#abandoned = true;
		this.#notify();
	}

	/** The consumer stopped: a stream waiting, and any added later, is let go. */
	close(): void {
		this.#closed = true;
		this.#release();
	}

	async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
		for (;;) {
			if (this.#abandoned) {
				this.#release();
				throw new Error('The batch was abandoned');
			}
			const waiting = this.#waiting;
			if (waiting) {
				this.#waiting = null;
				waiting.taken();
				yield waiting.ipc;
			} else if (this.#ended) {
				return;
			} else {
				await new Promise<void>((wake) => (this.#wake = wake));
			}
		}
	}

	#release(): void {
		const waiting = this.#waiting;
		this.#waiting = null;
		waiting?.taken();
	}

	#notify(): void {
		const wake = this.#wake;
		this.#wake = null;
		wake?.();
	}
}
