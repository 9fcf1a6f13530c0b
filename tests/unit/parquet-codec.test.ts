import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
	Bool,
	DateDay,
	Decimal,
	Float64,
	Int32,
	Int64,
	makeData,
	makeVector,
	Table,
	tableFromIPC,
	tableToIPC,
	TimestampMicrosecond,
	Type,
	Utf8,
	vectorFromArray,
	type Vector
} from 'apache-arrow';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '$lib/parquet/parquet-codec';
import { blobRangeReader, readParquetInfo, type ByteRangeReader } from '$lib/parquet/parquet-metadata';
import { createParquetWasmCodec, DEFAULT_ROW_GROUP_SIZE } from '$lib/parquet/parquet-wasm-codec';

type Sample = Record<string, (number | bigint | string | boolean | null)[]>;

/** Row 3 is NULL in every column but `n`. Day numbers and instants are worked out from the calendar. */
const SAMPLE: Sample = {
	n: [0, 1, 2, 3, 4],
	i32: [2_147_483_647, -2_147_483_648, 0, null, 42],
	i64: [9_007_199_254_740_993n, -9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n, null, 0n],
	f64: [0.1, -2.5, 1e308, null, 5e-324],
	str: ['Zoë', `O'Brien said "hi" \\ ;`, '🛒 日本語', null, ''],
	bool: [true, false, true, null, false],
	// 2024-02-29, 1900-01-01, 1970-01-01, NULL, 9999-12-31
	day: [19_782, -25_567, 0, null, 2_932_896],
	// 2024-02-29 12:34:56.123456, 1969-12-31 23:59:59.999999, 1970-01-01, NULL, 9999-12-31 23:59:59.999999
	ts: [1_709_210_096_123_456n, -1n, 0n, null, 253_402_300_799_999_999n],
	// DECIMAL(18,2) unscaled: 12345.67, -0.01, 9999999999999999.99, NULL, 0.00
	dec: [1_234_567n, -1n, 999_999_999_999_999_999n, null, 0n]
};

const COLUMN_TYPES = [
	['n', 'INTEGER'],
	['i32', 'INTEGER'],
	['i64', 'BIGINT'],
	['f64', 'DOUBLE'],
	['str', 'VARCHAR'],
	['bool', 'BOOLEAN'],
	['day', 'DATE'],
	['ts', 'TIMESTAMP'],
	['dec', 'DECIMAL(18,2)']
].map(([name, type]) => ({ name, type }));

/** The sample as native DuckDB prints it (`::VARCHAR`), row by row, in `SAMPLE`'s column order. */
const SAMPLE_TEXT = [
	[
		'0',
		'2147483647',
		'9007199254740993',
		'0.1',
		'Zoë',
		'true',
		'2024-02-29',
		'2024-02-29 12:34:56.123456',
		'12345.67'
	],
	[
		'1',
		'-2147483648',
		'-9223372036854775808',
		'-2.5',
		`O'Brien said "hi" \\ ;`,
		'false',
		'1900-01-01',
		'1969-12-31 23:59:59.999999',
		'-0.01'
	],
	[
		'2',
		'0',
		'9223372036854775807',
		'1e+308',
		'🛒 日本語',
		'true',
		'1970-01-01',
		'1970-01-01 00:00:00',
		'9999999999999999.99'
	],
	['3', null, null, null, null, null, null, null, null],
	['4', '42', '0', '5e-324', '', 'false', '9999-12-31', '9999-12-31 23:59:59.999999', '0.00']
];

/** Length, null count and validity bitmap of values where `null` marks a NULL. */
function validity(values: unknown[]): { length: number; nullCount: number; nullBitmap: Uint8Array } {
	const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
	values.forEach((value, i) => {
		if (value !== null) nullBitmap[i >> 3] |= 1 << (i & 7);
	});
	return { length: values.length, nullCount: values.filter((value) => value === null).length, nullBitmap };
}

/** Decimal128 values as little-endian two's-complement 64-bit halves. */
function decimalWords(values: unknown[]): Uint32Array {
	const halves = new BigInt64Array(values.length * 2);
	values.forEach((value, i) => {
		const unscaled = (value as bigint | null) ?? 0n;
		halves[2 * i] = BigInt.asIntN(64, unscaled);
		halves[2 * i + 1] = unscaled >> 64n;
	});
	return new Uint32Array(halves.buffer);
}

function sampleTable(): Table {
	return new Table({
		n: vectorFromArray(SAMPLE.n, new Int32()),
		i32: vectorFromArray(SAMPLE.i32, new Int32()),
		i64: vectorFromArray(SAMPLE.i64, new Int64()),
		f64: vectorFromArray(SAMPLE.f64, new Float64()),
		str: vectorFromArray(SAMPLE.str, new Utf8()),
		bool: vectorFromArray(SAMPLE.bool, new Bool()),
		// Arrow JS builders take these through lossy JS numbers: their buffers are written directly.
		day: makeVector(
			makeData({
				type: new DateDay(),
				data: Int32Array.from(SAMPLE.day, (d) => Number(d ?? 0)),
				...validity(SAMPLE.day)
			})
		),
		ts: makeVector(
			makeData({
				type: new TimestampMicrosecond(),
				data: BigInt64Array.from(SAMPLE.ts, (t) => BigInt(t ?? 0)),
				...validity(SAMPLE.ts)
			})
		),
		dec: makeVector(
			makeData({ type: new Decimal(2, 18, 128), data: decimalWords(SAMPLE.dec), ...validity(SAMPLE.dec) })
		)
	});
}

/** Each column's values without Arrow JS's conversions (timestamps to float ms, decimals to words). */
function exactColumns(table: Table): Sample {
	const columns: Sample = {};
	for (const field of table.schema.fields) {
		const vector = table.getChild(field.name)!;
		const raw = rawValues(vector);
		columns[field.name] = Array.from({ length: vector.length }, (_, i) =>
			vector.isValid(i) ? raw(i) : null
		);
	}
	return columns;
}

function rawValues(vector: Vector): (i: number) => number | bigint | string | boolean {
	switch (vector.type.typeId) {
		case Type.Date:
			return (i) => vector.get(i) / 86_400_000; // exact: whole days in float milliseconds
		case Type.Timestamp: {
			const values = vector.toArray() as BigInt64Array;
			return (i) => values[i];
		}
		case Type.Decimal: {
			const words = vector.toArray() as Uint32Array;
			const halves = new BigInt64Array(words.buffer, words.byteOffset, words.length / 2);
			return (i) => (halves[2 * i + 1] << 64n) + BigInt.asUintN(64, halves[2 * i]);
		}
		default:
			return (i) => vector.get(i);
	}
}

function typeNames(table: Table): string[] {
	return table.schema.fields.map((field) => `${field.name}: ${field.type}`);
}

async function textRows(connection: DuckDBConnection, from: string): Promise<unknown[][]> {
	const columns = Object.keys(SAMPLE).map((name) => `${name}::VARCHAR`);
	const reader = await connection.runAndReadAll(`SELECT ${columns.join(', ')} FROM ${from} ORDER BY n`);
	return reader.getRowsJson();
}

async function duckdbColumns(
	connection: DuckDBConnection,
	from: string
): Promise<{ name: string; type: string }[]> {
	const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
	return reader
		.getRowObjectsJson()
		.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

function sqlLiteral(value: string | null): string {
	return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/** Counts the bytes a reader hands out, to prove that only part of a file was read. */
function countingReader(inner: ByteRangeReader): ByteRangeReader & { bytesRead: number } {
	const counting = {
		byteLength: inner.byteLength,
		bytesRead: 0,
		async slice(start: number, end?: number) {
			const bytes = await inner.slice(start, end);
			counting.bytesRead += bytes.byteLength;
			return bytes;
		}
	};
	return counting;
}

let codec: ParquetCodec;
let duckdb: DuckDBInstance;
let connection: DuckDBConnection;
let dir: string;

beforeAll(async () => {
	const wasmPath = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
	codec = await createParquetWasmCodec(await readFile(wasmPath));
	duckdb = await DuckDBInstance.create(':memory:');
	connection = await duckdb.connect();
	dir = await mkdtemp(join(tmpdir(), 'parquet-codec-'));
});

afterAll(async () => {
	connection?.closeSync();
	duckdb?.closeSync();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('parquet-wasm codec', () => {
	it('round-trips every type exactly, NULLs included', () => {
		const original = sampleTable();
		const decoded = tableFromIPC(codec.decode(codec.encode(tableToIPC(original, 'stream'))));

		expect(decoded.numRows).toBe(5);
		expect(typeNames(decoded)).toEqual(typeNames(original));
		expect(exactColumns(decoded)).toEqual(SAMPLE);
	});

	it('accepts an Arrow IPC file as well as a stream', () => {
		const decoded = tableFromIPC(codec.decode(codec.encode(tableToIPC(sampleTable(), 'file'))));
		expect(exactColumns(decoded)).toEqual(SAMPLE);
	});

	it('decodes only the first rows when given a limit', () => {
		const parquet = codec.encode(tableToIPC(sampleTable(), 'stream'));
		const decoded = exactColumns(tableFromIPC(codec.decode(parquet, { limit: 2 })));
		expect(decoded).toEqual(
			Object.fromEntries(Object.entries(SAMPLE).map(([name, values]) => [name, values.slice(0, 2)]))
		);
	});

	it('says what failed on bytes that are not Parquet', () => {
		expect(() => codec.decode(new TextEncoder().encode('id,name\n1,a\n'))).toThrow(
			/^Could not decode Parquet: /
		);
	});

	it('writes zstd Parquet, integer-like columns delta-encoded and amounts plain, that native DuckDB reads exactly', async () => {
		const path = join(dir, 'codec-sample.parquet');
		await writeFile(path, codec.encode(tableToIPC(sampleTable(), 'stream')));
		const from = `read_parquet('${path}')`;

		expect(await textRows(connection, from)).toEqual(SAMPLE_TEXT);
		expect(await duckdbColumns(connection, from)).toEqual(COLUMN_TYPES);
		const codecs = await connection.runAndReadAll(
			`SELECT DISTINCT compression FROM parquet_metadata('${path}')`
		);
		expect(codecs.getRowsJson()).toEqual([['ZSTD']]);
		const encodings = await connection.runAndReadAll(
			`SELECT path_in_schema, encodings FROM parquet_metadata('${path}') ORDER BY column_id`
		);
		const delta = 'RLE, DELTA_BINARY_PACKED';
		const dictionary = 'PLAIN, RLE, RLE_DICTIONARY';
		const plain = 'PLAIN, RLE';
		expect(Object.fromEntries(encodings.getRowsJson() as [string, string][])).toEqual({
			n: delta,
			i32: delta,
			i64: delta,
			f64: dictionary,
			str: dictionary,
			bool: plain,
			day: delta,
			ts: delta,
			dec: plain
		});
	});

	it('splits big tables into row groups of 122,880 rows', async () => {
		const rows = 250_000;
		const table = new Table({ x: makeVector(Int32Array.from({ length: rows }, (_, i) => i)) });
		const path = join(dir, 'codec-row-groups.parquet');
		await writeFile(path, codec.encode(tableToIPC(table, 'stream')));

		expect(DEFAULT_ROW_GROUP_SIZE).toBe(122_880);
		const groups = await connection.runAndReadAll(
			`SELECT DISTINCT row_group_id, row_group_num_rows::INTEGER FROM parquet_metadata('${path}') ORDER BY 1`
		);
		expect(groups.getRowsJson()).toEqual([
			['0', 122_880],
			['1', 122_880],
			['2', 4_240]
		]);
		const sum = await connection.runAndReadAll(`SELECT sum(x)::VARCHAR FROM read_parquet('${path}')`);
		expect(sum.getRowsJson()).toEqual([['31249875000']]);
	});
});

describe('a Parquet file written by native DuckDB', () => {
	let bytes: Uint8Array;

	beforeAll(async () => {
		const values = SAMPLE_TEXT.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(',\n');
		const casts = COLUMN_TYPES.map(({ name, type }) => `${name}::${type} AS ${name}`).join(', ');
		await connection.run(
			`CREATE TABLE sample AS SELECT ${casts} FROM (VALUES ${values}) v(${Object.keys(SAMPLE).join(', ')})`
		);
		const path = join(dir, 'duckdb-sample.parquet');
		await connection.run(`COPY sample TO '${path}' (FORMAT parquet)`);
		bytes = await readFile(path);
	});

	it('holds the sample (checked by DuckDB itself)', async () => {
		expect(await textRows(connection, 'sample')).toEqual(SAMPLE_TEXT);
		expect(await duckdbColumns(connection, 'sample')).toEqual(COLUMN_TYPES);
	});

	it('is decoded by the codec with equal values', () => {
		const decoded = tableFromIPC(codec.decode(bytes));
		expect(decoded.numRows).toBe(5);
		expect(exactColumns(decoded)).toEqual(SAMPLE);
	});

	it('is described by parquet-metadata with its row count and DuckDB column types', async () => {
		expect(await readParquetInfo(bytes)).toEqual({ rows: 5, rowGroups: 1, columns: COLUMN_TYPES });
	});
});

describe('parquet-metadata', () => {
	it('reads only the footer of a big file through a range reader', async () => {
		const path = join(dir, 'duckdb-hashes.parquet');
		await connection.run(
			`COPY (SELECT range::INTEGER AS id, md5(range::VARCHAR) AS h FROM range(30000)) TO '${path}' (FORMAT parquet)`
		);
		const bytes = await readFile(path);
		const reader = countingReader(blobRangeReader(new Blob([bytes])));

		expect(await readParquetInfo(reader)).toEqual({
			rows: 30_000,
			rowGroups: 1,
			columns: [
				{ name: 'id', type: 'INTEGER' },
				{ name: 'h', type: 'VARCHAR' }
			]
		});
		expect(bytes.byteLength).toBeGreaterThan(500_000);
		expect(reader.bytesRead).toBeLessThan(70_000);
	});

	it('describes codec (zstd) files as DuckDB does', async () => {
		const path = join(dir, 'codec-describe.parquet');
		const parquet = codec.encode(tableToIPC(sampleTable(), 'stream'));
		await writeFile(path, parquet);

		expect(await readParquetInfo(parquet)).toEqual({
			rows: 5,
			rowGroups: 1,
			columns: await duckdbColumns(connection, `read_parquet('${path}')`)
		});
	});

	it('names nested and less common types as DuckDB does', async () => {
		const path = join(dir, 'duckdb-types.parquet');
		await connection.run(
			`COPY (SELECT [1, 2]::INTEGER[] AS li, {'x': 1, 'my field': 'a'} AS st, MAP {'k': 1.5} AS m,
				TIMESTAMPTZ '2024-01-01 00:00:00+00' AS tstz, TIMESTAMP_MS '2024-01-01 00:00:01' AS tsms,
				3::TINYINT AS ti, 4::USMALLINT AS us, 2.5::FLOAT AS f, 'b'::BLOB AS bl, TIME '12:00:00' AS tm,
				1.5::DECIMAL(38,10) AS d38, [[1]]::BIGINT[][] AS nested) TO '${path}' (FORMAT parquet)`
		);
		const info = await readParquetInfo(await readFile(path));
		expect(info.columns).toEqual(await duckdbColumns(connection, `read_parquet('${path}')`));
	});
});
