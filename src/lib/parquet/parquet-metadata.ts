import {
	parquetMetadataAsync,
	parquetReadObjects,
	parquetSchema,
	type AsyncBuffer,
	type Compressors,
	type ParquetParsers,
	type SchemaElement,
	type SchemaTree
} from 'hyparquet';
import type { ColumnInfo } from '$lib/sql/sql-engine';

/** Random access to a file's bytes, so that only the footer (or the first rows) need be read. */
export interface ByteRangeReader {
	byteLength: number;
	slice(start: number, end?: number): Promise<ArrayBuffer>;
}

export type ParquetSource = Uint8Array | ArrayBuffer | ByteRangeReader;

export interface ParquetInfo {
	rows: number;
	/** Top-level columns, typed as DuckDB's DESCRIBE would print them (`BIGINT`, `DECIMAL(18,2)`…). */
	columns: ColumnInfo[];
}

export interface PreviewOptions {
	/** Decompressors beyond hyparquet's own (uncompressed, snappy): needed for zstd files. */
	compressors?: Compressors;
}

/** Objects are nested values: lists as arrays, structs and maps as objects. */
export type PreviewValue = string | number | bigint | boolean | null | object;

/** Range reads on a Blob, e.g. an OPFS `File` from `FileSystemFileHandle.getFile()`. */
export function blobRangeReader(blob: Blob): ByteRangeReader {
	return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/** Enough for a typical footer in one read (hyparquet's default, 512 KiB, is costly across a lake listing). */
const FOOTER_FETCH_BYTES = 64 * 1024;

/** Row count and columns from the footer alone: a range reader fetches the tail, whatever the file size. */
export async function readParquetInfo(file: ParquetSource): Promise<ParquetInfo> {
	const metadata = await parquetMetadataAsync(asyncBuffer(file), { initialFetchSize: FOOTER_FETCH_BYTES });
	return {
		rows: Number(metadata.num_rows),
		columns: parquetSchema(metadata).children.map((node) => ({
			name: node.element.name,
			type: duckdbTypeName(node)
		}))
	};
}

/**
 * The first `n` rows as plain objects, for display: dates and timestamps come as exact text
 * (`2024-02-29`, `2024-02-29 12:34:56.123456`) rather than lossy, time-zone-shifted `Date`s.
 * Decimals come as numbers (hyparquet's choice), exact up to 15 significant digits.
 */
export async function previewRows(
	file: ParquetSource,
	n: number,
	{ compressors }: PreviewOptions = {}
): Promise<Record<string, PreviewValue>[]> {
	return parquetReadObjects({ file: asyncBuffer(file), rowStart: 0, rowEnd: n, parsers, compressors });
}

function asyncBuffer(file: ParquetSource): AsyncBuffer {
	if (!(file instanceof Uint8Array)) return file;
	// Copies through the Uint8Array constructor: a Node Buffer's slice() would share the whole pool.
	return {
		byteLength: file.byteLength,
		slice: (start, end) => new Uint8Array(file.subarray(start, end)).buffer
	};
}

const parsers: Partial<ParquetParsers> = {
	dateFromDays: (days) => formatDate(BigInt(days)),
	timestampFromMilliseconds: (ms) => formatTimestamp(ms, 3),
	timestampFromMicroseconds: (us) => formatTimestamp(us, 6),
	timestampFromNanoseconds: (ns) => formatTimestamp(ns, 9)
};

function formatDate(days: bigint): string {
	return new Date(Number(days) * 86_400_000).toISOString().slice(0, 10);
}

/** DuckDB's text form: fraction digits trimmed of trailing zeros, none when whole seconds. */
function formatTimestamp(value: bigint, fractionDigits: number): string {
	const perSecond = 10n ** BigInt(fractionDigits);
	const perDay = 86_400n * perSecond;
	const days = floorDiv(value, perDay);
	const ofDay = value - days * perDay;
	const seconds = ofDay / perSecond;
	const fraction = (ofDay % perSecond).toString().padStart(fractionDigits, '0').replace(/0+$/, '');
	const hms = [seconds / 3600n, (seconds / 60n) % 60n, seconds % 60n]
		.map((part) => part.toString().padStart(2, '0'))
		.join(':');
	return `${formatDate(days)} ${hms}${fraction ? `.${fraction}` : ''}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
	const q = a / b;
	return a % b < 0n ? q - 1n : q;
}

const INTEGER_NAMES: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };

const CONVERTED_INTEGERS: Partial<Record<string, string>> = {
	INT_8: 'TINYINT',
	INT_16: 'SMALLINT',
	INT_32: 'INTEGER',
	INT_64: 'BIGINT',
	UINT_8: 'UTINYINT',
	UINT_16: 'USMALLINT',
	UINT_32: 'UINTEGER',
	UINT_64: 'UBIGINT'
};

const PHYSICAL_NAMES: Record<string, string> = {
	BOOLEAN: 'BOOLEAN',
	INT32: 'INTEGER',
	INT64: 'BIGINT',
	INT96: 'TIMESTAMP',
	FLOAT: 'FLOAT',
	DOUBLE: 'DOUBLE',
	BYTE_ARRAY: 'BLOB',
	FIXED_LEN_BYTE_ARRAY: 'BLOB'
};

/** The DuckDB type that `read_parquet` gives a column (nested types included). */
function duckdbTypeName(node: SchemaTree): string {
	const base = valueTypeName(node);
	return node.element.repetition_type === 'REPEATED' ? `${base}[]` : base;
}

function valueTypeName({ element, children }: SchemaTree): string {
	if (isAnnotated(element, 'LIST')) {
		// Standard 3-level list: the repeated group wraps one element; a legacy one is the element.
		const [repeated] = children;
		return repeated.children.length === 1
			? `${duckdbTypeName(repeated.children[0])}[]`
			: duckdbTypeName(repeated);
	}
	if (isAnnotated(element, 'MAP')) {
		const [key, value] = children[0].children.map(duckdbTypeName);
		return `MAP(${key}, ${value})`;
	}
	if (children.length) {
		return `STRUCT(${children.map((child) => `${sqlName(child.element.name)} ${duckdbTypeName(child)}`).join(', ')})`;
	}
	return leafTypeName(element);
}

function isAnnotated(element: SchemaElement, type: 'LIST' | 'MAP'): boolean {
	return element.converted_type === type || element.logical_type?.type === type;
}

function leafTypeName(element: SchemaElement): string {
	const logical = element.logical_type;
	switch (logical?.type) {
		case 'TIMESTAMP':
			if (logical.isAdjustedToUTC) return 'TIMESTAMP WITH TIME ZONE';
			return logical.unit === 'NANOS' ? 'TIMESTAMP_NS' : 'TIMESTAMP';
		case 'TIME':
			return logical.isAdjustedToUTC ? 'TIME WITH TIME ZONE' : 'TIME';
		case 'INTEGER':
			return `${logical.isSigned ? '' : 'U'}${INTEGER_NAMES[logical.bitWidth]}`;
		case 'DECIMAL':
			return `DECIMAL(${logical.precision},${logical.scale})`;
		case 'UUID':
			return 'UUID';
		case 'FLOAT16':
			return 'FLOAT';
		case 'STRING':
		case 'ENUM':
		case 'JSON':
			return 'VARCHAR';
		case 'DATE':
			return 'DATE';
	}
	switch (element.converted_type) {
		case 'DECIMAL':
			return `DECIMAL(${element.precision},${element.scale ?? 0})`;
		case 'DATE':
			return 'DATE';
		case 'TIMESTAMP_MILLIS':
		case 'TIMESTAMP_MICROS':
			return 'TIMESTAMP';
		case 'TIME_MILLIS':
		case 'TIME_MICROS':
			return 'TIME';
		case 'UTF8':
		case 'ENUM':
		case 'JSON':
			return 'VARCHAR';
	}
	return CONVERTED_INTEGERS[element.converted_type ?? ''] ?? PHYSICAL_NAMES[element.type ?? ''] ?? 'BLOB';
}

function sqlName(name: string): string {
	return /^[a-z_][a-z0-9_]*$/i.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
