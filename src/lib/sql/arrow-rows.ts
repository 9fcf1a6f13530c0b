import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import {
	DataType,
	MessageReader,
	Type,
	type Data,
	type Field,
	type Table,
	type Utf8,
	type Vector
} from 'apache-arrow';
import { concatBytes } from '../bytes/concat-bytes';
import type { ColumnInfo, QueryResult, SqlValue } from './sql-engine';

/** SQL-style name of an Arrow type, as DuckDB would print it. */
export function sqlTypeName(type: DataType): string {
	switch (type.typeId) {
		case Type.Int: {
			const t = type as DataType<Type.Int> & { bitWidth: number; isSigned: boolean };
			const base = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[t.bitWidth] ?? 'INTEGER';
			return t.isSigned ? base : `U${base}`;
		}
		case Type.Float: {
			const precision = (type as DataType & { precision: number }).precision;
			return precision === 2 ? 'DOUBLE' : precision === 1 ? 'FLOAT' : 'HALF';
		}
		case Type.Decimal: {
			const t = type as DataType & { precision: number; scale: number };
			return `DECIMAL(${t.precision},${t.scale})`;
		}
		case Type.Utf8:
		case Type.LargeUtf8:
			return 'VARCHAR';
		case Type.Bool:
			return 'BOOLEAN';
		case Type.Date:
			return 'DATE';
		case Type.Timestamp:
			return (type as DataType & { timezone?: string | null }).timezone
				? 'TIMESTAMP WITH TIME ZONE'
				: 'TIMESTAMP';
		case Type.Time:
			return 'TIME';
		case Type.Binary:
		case Type.LargeBinary:
			return 'BLOB';
		case Type.Interval:
			return 'INTERVAL';
		case Type.List:
			return `${sqlTypeName((type as DataType & { children: Field[] }).children[0].type)}[]`;
		case Type.Null:
			return 'NULL';
		case Type.Dictionary:
			return sqlTypeName((type as DataType & { dictionary: DataType }).dictionary);
		default:
			return String(type);
	}
}

/**
 * Arrow JS's `get()` gives timestamps and dates as float milliseconds and decimals as raw words;
 * this turns each cell into a value that survives structured cloning and reads correctly.
 */
function cellReader(field: Field): (vector: Vector, i: number) => SqlValue {
	const type = field.type;
	switch (type.typeId) {
		case Type.Timestamp:
		case Type.Date:
			return (v, i) => {
				const ms = v.get(i) as number | null;
				return ms === null ? null : new Date(ms);
			};
		case Type.Decimal: {
			const scale = (type as DataType & { scale: number }).scale;
			return (v, i) => {
				const raw = v.get(i);
				return raw === null ? null : decimalToNumber(raw as Uint32Array, scale);
			};
		}
		case Type.Int:
			return (v, i) => {
				const x = v.get(i) as number | bigint | null;
				return typeof x === 'bigint' &&
					x <= BigInt(Number.MAX_SAFE_INTEGER) &&
					x >= BigInt(Number.MIN_SAFE_INTEGER)
					? Number(x)
					: x;
			};
		default:
			return (v, i) => {
				const x = v.get(i);
				return x !== null && typeof x === 'object' && 'toJSON' in x
					? (x as { toJSON(): SqlValue }).toJSON()
					: x;
			};
	}
}

/** An Arrow decimal's little-endian 32-bit words (two's complement) as a JS number. */
function decimalToNumber(words: Uint32Array, scale: number): number {
	let value = 0n;
	for (let k = words.length - 1; k >= 0; k--) value = (value << 32n) | BigInt(words[k]);
	const bits = BigInt(words.length * 32);
	if (words[words.length - 1] & 0x80000000) value -= 1n << bits;
	return Number(value) / 10 ** scale;
}

export function tableToResult(table: Table, maxRows = Infinity): QueryResult {
	const fields = table.schema.fields;
	const columns: ColumnInfo[] = fields.map((f) => ({ name: f.name, type: sqlTypeName(f.type) }));
	const readers = fields.map(columnReader);
	const shown = Math.min(table.numRows, maxRows);
	const rows: Record<string, SqlValue>[] = new Array(shown);
	let at = 0;
	for (const batch of table.batches) {
		if (at >= shown) break;
		const length = Math.min(batch.numRows, shown - at);
		const values = fields.map((_, c) => readers[c](batch.getChildAt(c)!, length));
		for (let i = 0; i < length; i++) {
			const row: Record<string, SqlValue> = {};
			for (let c = 0; c < fields.length; c++) row[fields[c].name] = values[c][i];
			rows[at++] = row;
		}
	}
	return { columns, rows, rowCount: table.numRows };
}

/** The first `length` cells of one record batch's column (a vector of one chunk). */
type ColumnReader = (vector: Vector, length: number) => SqlValue[];

function columnReader(field: Field): ColumnReader {
	if (field.type.typeId === Type.Utf8)
		return (vector, length) => utf8Values(vector.data[0] as Data<Utf8>, length);
	const read = cellReader(field);
	return (vector, length) => {
		const values: SqlValue[] = new Array(length);
		for (let i = 0; i < length; i++) values[i] = read(vector, i);
		return values;
	};
}

const utf8 = new TextDecoder();

/**
 * A text column's strings. Arrow JS decodes each cell on its own (a `TextDecoder` call per cell: a second
 * for the 150k scored web orders of a 1M-line lake); here the chunk's bytes are decoded once and, when
 * they are all ASCII (ids, dates, codes: one UTF-16 unit per byte, so the text is as long as the bytes), each
 * cell is a slice of that text. Otherwise each cell is decoded on its own.
 */
function utf8Values(data: Data<Utf8>, length: number): (string | null)[] {
	const offsets = data.valueOffsets;
	const bytes = data.values;
	const start = offsets[0];
	const text = utf8.decode(bytes.subarray(start, offsets[length]));
	const ascii = text.length === offsets[length] - start;
	const values: (string | null)[] = new Array(length);
	for (let i = 0; i < length; i++) {
		if (!data.getValid(i)) values[i] = null;
		else if (ascii) values[i] = text.slice(offsets[i] - start, offsets[i + 1] - start);
		else values[i] = utf8.decode(bytes.subarray(offsets[i], offsets[i + 1]));
	}
	return values;
}

/**
 * DuckDB-WASM's `runQuery` returns an Arrow IPC *file*; its body after the 8-byte magic is a complete
 * IPC stream (messages + end-of-stream marker), followed by the footer. Slicing avoids a copy.
 */
export function sliceStreamFromIpcFile(file: Uint8Array): Uint8Array {
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const footerLength = view.getInt32(file.byteLength - 10, true);
	return file.subarray(8, file.byteLength - 10 - footerLength);
}

/** A streamed query's Arrow IPC messages: its schema, then each record batch with its row count. */
export interface BatchMessages {
	schema: Uint8Array;
	messages: Iterable<{ message: Uint8Array; rows: number }>;
}

/**
 * Runs `sql` as a streaming query on a DuckDB-WASM connection: the schema message at once, then one
 * record batch message per fetch, pulled lazily. Nothing else may run on the connection meanwhile.
 */
export function streamBatches(db: DuckDBBindings, conn: number, sql: string): BatchMessages {
	let schema = db.startPendingQuery(conn, sql, true);
	while (schema === null) schema = db.pollPendingQuery(conn);
	function* messages(): Generator<{ message: Uint8Array; rows: number }> {
		for (;;) {
			const message = db.fetchQueryResults(conn);
			if (!message || message.length === 0) return;
			yield { message, rows: recordBatchRows(message) };
		}
	}
	return { schema, messages: messages() };
}

const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * A complete IPC stream: the schema message, the dictionary batches its dictionary-encoded columns need,
 * the record batch messages, the end-of-stream marker.
 */
export function ipcStream(
	schema: Uint8Array,
	batches: Uint8Array[],
	dictionaries: Uint8Array[] = []
): Uint8Array {
	return concatBytes([schema, ...dictionaries, ...batches, END_OF_STREAM]);
}

/** Whether a schema message declares a dictionary-encoded column (DuckDB exports an ENUM so). */
export function declaresDictionaries(schemaMessage: Uint8Array): boolean {
	const schema = new MessageReader(schemaMessage).readSchema();
	return schema?.fields.some((field) => DataType.isDictionary(field.type)) ?? false;
}

/** The dictionary batch messages of an IPC stream, each as it is encapsulated there. */
export function dictionaryMessages(stream: Uint8Array): Uint8Array[] {
	const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
	const found: Uint8Array[] = [];
	let offset = 0;
	// Each message: the 0xFFFFFFFF continuation, its metadata's length, the metadata, then its body.
	while (offset + 8 <= stream.byteLength) {
		const metadataLength = view.getInt32(offset + 4, true);
		if (metadataLength <= 0) break;
		const message = new MessageReader(stream.subarray(offset)).readMessage();
		if (!message) break;
		const end = offset + 8 + metadataLength + Number(message.bodyLength);
		if (message.isDictionaryBatch()) found.push(stream.subarray(offset, end));
		offset = end;
	}
	return found;
}

/** The row count of one encapsulated IPC record batch message, read from its header alone. */
function recordBatchRows(message: Uint8Array): number {
	const header = new MessageReader(message).readMessage();
	return header?.isRecordBatch() ? Number(header.header().length) : 0;
}
