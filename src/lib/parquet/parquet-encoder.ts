import type { ParquetCodec } from './parquet-codec';

/**
 * ParquetEncoder: Arrow → Parquet for a pipeline run's outputs, inline or on another thread. A run opens
 * one, hands its outputs over one after another and closes it when it ends.
 */
export interface ParquetEncoder {
	/**
	 * Hands over consecutive Arrow IPC streams of one schema (as `SqlEngine.queryArrowStreams` yields them,
	 * or a single stream) to be encoded as one Parquet file. Resolves once the last stream is handed over,
	 * with the encoding perhaps still in progress: the caller may export the next output meanwhile. The
	 * encoder owns the streams: it may transfer their buffers to another thread, leaving them detached.
	 */
	submit(streams: AsyncIterable<Uint8Array>): Promise<EncodingParquet>;
	/** Releases the encoder (a worker is terminated); an encoding still in progress rejects. */
	close(): void;
}

export interface EncodingParquet {
	/** The Parquet file's bytes, once encoded. */
	parquet: Promise<Uint8Array>;
}

/**
 * An encoder on another thread died (e.g. its wasm trapped): the encodings it held fail with this, their streams
 * gone with it, and what is handed over later is encoded without it. The caller may export those rows again.
 */
export class EncoderStoppedError extends Error {
	constructor(cause: Error) {
		super(`The Parquet encoder worker stopped: ${cause.message}`, { cause });
		this.name = 'EncoderStoppedError';
	}
}

/** Encodes on the calling thread with the codec, streamed where it can, so each output is done when handed over. */
export function inlineParquetEncoder(codec: ParquetCodec): ParquetEncoder {
	return {
		async submit(streams) {
			return { parquet: Promise.resolve(await encodeInline(codec, streams)) };
		},
		close() {}
	};
}

async function encodeInline(codec: ParquetCodec, streams: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	if (codec.encodeStreams) return codec.encodeStreams(streams);
	const all: Uint8Array[] = [];
	for await (const stream of streams) all.push(stream);
	if (all.length !== 1)
		throw new Error(`Could not encode ${all.length} Arrow IPC streams as one Parquet file`);
	return codec.encode(all[0]);
}
