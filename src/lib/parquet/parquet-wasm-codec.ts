import initParquetWasm, {
	Compression,
	Encoding,
	readParquet,
	RecordBatch as WasmRecordBatch,
	Table,
	transformParquetStream,
	writeParquet,
	WriterProperties,
	WriterPropertiesBuilder
} from 'parquet-wasm/esm';
import { RecordBatchReader, tableFromIPC, tableToIPC, Type } from 'apache-arrow';
import { concatBytes } from '../bytes/concat-bytes';
import type { DecodeOptions, ParquetCodec } from './parquet-codec';

/** Where the parquet-wasm module comes from: a URL (browser, `?url` import) or its bytes (Node). */
export type ParquetWasmSource = URL | string | Uint8Array | ArrayBuffer;

export interface ParquetWasmCodecOptions {
	/** Rows per Parquet row group when encoding. */
	rowGroupSize?: number;
	/** Rows per Arrow record batch when decoding. */
	batchSize?: number;
}

/** DuckDB's own row group size: parquet-wasm would otherwise write one row group per table. */
export const DEFAULT_ROW_GROUP_SIZE = 122_880;

/**
 * Integer-like columns (ids, keys, dates, timestamps) are often near-unique, where arrow-rs's default
 * dictionary costs more than it saves: delta encoding made a 1M-row sales table 38 → 22 MB and faster.
 */
const DELTA_ENCODED_TYPES = new Set([Type.Int, Type.Date, Type.Timestamp, Type.Time, Type.Duration]);

/**
 * Amounts (DECIMAL) are near-unique too, and plain beats the dictionary there: at 1M lines it encoded the
 * sales tables 18–33 % faster and 3–16 % smaller, read back within 10 % (docs/decisions.md).
 */
const PLAIN_ENCODED_TYPES = new Set([Type.Decimal]);

const ARROW_FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * A ParquetCodec on parquet-wasm (Rust arrow-rs compiled to wasm). The wasm is instantiated once per
 * JS realm; later calls reuse it whatever source they pass.
 */
export async function createParquetWasmCodec(
	wasm: ParquetWasmSource,
	options: ParquetWasmCodecOptions = {}
): Promise<ParquetCodec> {
	await initParquetWasm({ module_or_path: wasm });
	const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
	const batchSize = options.batchSize ?? DEFAULT_ROW_GROUP_SIZE;
	// The wasm objects are freed by the writer that takes them, so the properties are built per call.
	const writerProperties = (stream: Uint8Array): WriterProperties => {
		let properties = new WriterPropertiesBuilder()
			.setCompression(Compression.ZSTD)
			.setMaxRowGroupSize(rowGroupSize);
		for (const field of RecordBatchReader.from(stream).open().schema.fields) {
			if (DELTA_ENCODED_TYPES.has(field.typeId))
				properties = properties
					.setColumnDictionaryEnabled(field.name, false)
					.setColumnEncoding(field.name, Encoding.DELTA_BINARY_PACKED);
			else if (PLAIN_ENCODED_TYPES.has(field.typeId))
				properties = properties.setColumnDictionaryEnabled(field.name, false);
		}
		return properties.build();
	};
	return {
		encode(ipc: Uint8Array): Uint8Array {
			return withContext('encode Arrow IPC as Parquet', () => {
				const stream = ipcFileToStream(ipc);
				return writeParquet(Table.fromIPCStream(stream), writerProperties(stream));
			});
		},
		async encodeStreams(streams: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
			const iterator = streams[Symbol.asyncIterator]();
			const first = await iterator.next();
			if (first.done) throw new Error('Could not encode Arrow IPC as Parquet: no stream given');
			const batches = recordBatches(first.value, iterator);
			try {
				const parquet = await transformParquetStream(batches, writerProperties(first.value));
				return await concatChunks(parquet);
			} catch (error) {
				throw new Error(`Could not encode Arrow IPC as Parquet: ${messageOf(error)}`, { cause: error });
			}
		},
		decode(parquet: Uint8Array, { limit, rowGroups }: DecodeOptions = {}): Uint8Array {
			return withContext('decode Parquet', () =>
				readParquet(parquet, { batchSize, limit, rowGroups }).intoIPCStream()
			);
		}
	};
}

/** The record batches of `first` and of every stream after it, decoded into wasm one stream at a time. */
function recordBatches(first: Uint8Array, rest: AsyncIterator<Uint8Array>): ReadableStream<WasmRecordBatch> {
	let next: Uint8Array | null = first;
	return new ReadableStream<WasmRecordBatch>({
		async pull(controller) {
			// A stream without batches (an empty result's) enqueues nothing: pull again rather than stall.
			while (next !== null) {
				const table = Table.fromIPCStream(next);
				const step = await rest.next();
				next = step.done ? null : step.value;
				const batches = table.recordBatches();
				table.free();
				if (batches.length > 0) {
					for (const batch of batches) controller.enqueue(batch);
					return;
				}
			}
			controller.close();
		},
		async cancel() {
			await rest.return?.();
		}
	});
}

async function concatChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
	}
	return concatBytes(chunks);
}

/**
 * arrow-rs reads only IPC streams: given an IPC file it fails with an opaque "failed to fill whole
 * buffer". A file's body cannot simply be sliced out, as Arrow JS writes no schema message there.
 */
function ipcFileToStream(ipc: Uint8Array): Uint8Array {
	const isFile = ARROW_FILE_MAGIC.every((byte, i) => ipc[i] === byte);
	return isFile ? tableToIPC(tableFromIPC(ipc), 'stream') : ipc;
}

function withContext<T>(what: string, run: () => T): T {
	try {
		return run();
	} catch (error) {
		throw new Error(`Could not ${what}: ${messageOf(error)}`, { cause: error });
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
