import type { RawFileRef } from '../types';

/**
 * Receives a raw file's Bronze rows as Arrow IPC streams, in the table's columns, as ingest appends them, so
 * that the batch's Parquet file can be encoded meanwhile instead of exported from the engine afterwards.
 */
export interface BronzeBatchSink {
	/** Resolves once the stream is taken (the sink's way of holding back a producer that runs ahead). */
	add(ipc: Uint8Array): Promise<void>;
	/** Every row of the batch was added. */
	end(): void;
	/** The rows added are not the batch (the file was rejected, or a chunk changed the table's columns). */
	abandon(): void;
}

/** Opens a sink for one raw file's batch. */
export type OpenBronzeBatchSink = (file: RawFileRef) => BronzeBatchSink;
