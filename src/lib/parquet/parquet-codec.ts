/** ParquetCodec: Parquet bytes ⇄ Arrow IPC streams, the same code in the browser and in Node. */
export interface ParquetCodec {
	/** Encodes an Arrow IPC stream (an IPC file is accepted too) as a Parquet file (zstd). */
	encode(ipc: Uint8Array): Uint8Array;
	/**
	 * Optional: encodes consecutive Arrow IPC streams of one schema (as `SqlEngine.queryArrowStreams` yields
	 * them) as one Parquet file, row group by row group, never holding all the rows at once.
	 */
	encodeStreams?(streams: AsyncIterable<Uint8Array>): Promise<Uint8Array>;
	/** Decodes a Parquet file into an Arrow IPC stream. */
	decode(parquet: Uint8Array, options?: DecodeOptions): Uint8Array;
}

export interface DecodeOptions {
	/** At most this many rows from the start (default: all), e.g. for a preview. */
	limit?: number;
	/** Only these row groups (0-based, in file order), e.g. to decode a large file a part at a time. */
	rowGroups?: number[];
}
