/** ParquetCodec: Parquet bytes ⇄ Arrow IPC streams, the same code in the browser and in Node. */
export interface ParquetCodec {
	/** Encodes an Arrow IPC stream as a Parquet file (zstd). */
	encode(ipc: Uint8Array): Uint8Array;
	/** Decodes a Parquet file into an Arrow IPC stream. */
	decode(parquet: Uint8Array): Uint8Array;
}
