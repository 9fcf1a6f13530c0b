import {
	parquetMetadataAsync,
	parquetSchema,
	type AsyncBuffer,
	type SchemaElement,
	type SchemaTree
} from 'hyparquet';
import type { ColumnInfo } from '$lib/sql/sql-engine';

/** Random access to a file's bytes, so that only the footer need be read. */
export interface ByteRangeReader {
	byteLength: number;
	slice(start: number, end?: number): Promise<ArrayBuffer>;
}

export type ParquetSource = Uint8Array | ArrayBuffer | ByteRangeReader;

export interface ParquetInfo {
	rows: number;
	rowGroups: number;
	/** Top-level columns, typed as DuckDB's DESCRIBE would print them (`BIGINT`, `DECIMAL(18,2)`…). */
	columns: ColumnInfo[];
}

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
		rowGroups: metadata.row_groups.length,
		columns: parquetSchema(metadata).children.map((node) => ({
			name: node.element.name,
			type: duckdbTypeName(node)
		}))
	};
}

function asyncBuffer(file: ParquetSource): AsyncBuffer {
	if (!(file instanceof Uint8Array)) return file;
	// Copies through the Uint8Array constructor: a Node Buffer's slice() would share the whole pool.
	return {
		byteLength: file.byteLength,
		slice: (start, end) => new Uint8Array(file.subarray(start, end)).buffer
	};
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
