import type { ParquetCodec } from './parquet-codec';

/**
 * ParquetEncoder: Arrow → Parquet for a pipeline run's outputs, inline or on another thread. A run opens
 * one, encodes its outputs one after another and closes it when it ends.
 */
export interface ParquetEncoder {
	/**
	 * Encodes consecutive Arrow IPC streams of one schema (as `SqlEngine.queryArrowStreams` yields them, or
	 * a single stream) as one Parquet file. The encoder owns the streams: it may transfer their buffers to
	 * another thread, leaving them detached.
	 */
	encode(streams: AsyncIterable<Uint8Array>): Promise<Uint8Array>;
	/** Releases the encoder (a worker is terminated); an encoding still in progress rejects. */
	close(): void;
}

/** Encodes on the calling thread with the codec: streamed where it can, else the one stream at once. */
export function inlineParquetEncoder(codec: ParquetCodec): ParquetEncoder {
	return {
		async encode(streams) {
			if (codec.encodeStreams) return codec.encodeStreams(streams);
			const all: Uint8Array[] = [];
			for await (const stream of streams) all.push(stream);
			if (all.length !== 1)
				throw new Error(`Could not encode ${all.length} Arrow IPC streams as one Parquet file`);
			return codec.encode(all[0]);
		},
		close() {}
	};
}
