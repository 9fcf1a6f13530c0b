// Parquet codecs compared on 1,000,000 rows × 12 columns: parquet-wasm vs hyparquet + hyparquet-writer.
// Run: node bench/codec-compare.mjs [rows]   (prints a markdown table; takes a few minutes on 2 cores)
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { DuckDBInstance } from '@duckdb/node-api';
import {
	Bool,
	DateDay,
	Float64,
	Int32,
	Int64,
	makeData,
	makeVector,
	RecordBatchReader,
	Table,
	tableToIPC,
	TimestampMicrosecond,
	Type,
	Utf8,
	vectorFromArray
} from 'apache-arrow';
import { parquetRead, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import initParquetWasm, {
	Compression,
	Encoding,
	readParquet,
	Table as WasmTable,
	writeParquet,
	WriterPropertiesBuilder
} from 'parquet-wasm/esm';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ROW_GROUP = 122_880;
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------- data

function random(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const STORES = Array.from({ length: 20 }, (_, i) => `Store ${String(i + 1).padStart(2, '0')} – Zürich`);
const DAY_2023_01_01 = 19_358;
const MICROS_2023_01_01 = 1_672_531_200_000_000n;

/** Plain JS columns (null = NULL) with the sums the checks expect, computed here, not by any codec. */
function generate(rows) {
	const next = random(42);
	const orNull = (share, value) => (next() < share ? null : value);
	const columns = {
		sale_id: new Array(rows),
		store_id: new Array(rows),
		quantity: new Array(rows),
		customer_id: new Array(rows),
		line_key: new Array(rows),
		unit_price: new Array(rows),
		amount: new Array(rows),
		store_name: new Array(rows),
		product: new Array(rows),
		sale_date: new Array(rows),
		sold_at: new Array(rows),
		is_promo: new Array(rows)
	};
	const expected = { rows, quantity: 0, customer_id: 0n, amount_cents: 0, sold_at_count: 0, sold_at_sum: 0n };
	for (let i = 0; i < rows; i++) {
		const day = DAY_2023_01_01 + Math.floor(next() * 730);
		const quantity = orNull(0.05, 1 + Math.floor(next() * 12));
		const customerId = orNull(0.1, 10_000_000_000n + BigInt(Math.floor(next() * 500_000)));
		const amountCents = 100 + Math.floor(next() * 100_000);
		const soldAt = orNull(
			0.01,
			MICROS_2023_01_01 +
				BigInt(day - DAY_2023_01_01) * 86_400_000_000n +
				BigInt(Math.floor(next() * 86_400e6))
		);
		columns.sale_id[i] = i;
		columns.store_id[i] = 1 + (i % 20);
		columns.quantity[i] = quantity;
		columns.customer_id[i] = customerId;
		columns.line_key[i] = BigInt(i) * 1_000_003n;
		columns.unit_price[i] = orNull(0.02, Math.round(next() * 10_000) / 100);
		columns.amount[i] = amountCents / 100;
		columns.store_name[i] = STORES[i % 20];
		columns.product[i] = `SKU-${Math.floor(next() * 2 ** 31).toString(36)}-${i % 97}`;
		columns.sale_date[i] = day;
		columns.sold_at[i] = soldAt;
		columns.is_promo[i] = orNull(0.03, next() < 0.2);
		if (quantity !== null) expected.quantity += quantity;
		if (customerId !== null) expected.customer_id += customerId;
		expected.amount_cents += amountCents;
		if (soldAt !== null) {
			expected.sold_at_count++;
			expected.sold_at_sum += soldAt;
		}
	}
	return { columns, expected };
}

function validity(values) {
	const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nullCount = 0;
	for (let i = 0; i < values.length; i++) {
		if (values[i] === null) nullCount++;
		else nullBitmap[i >> 3] |= 1 << (i & 7);
	}
	return { length: values.length, nullCount, nullBitmap };
}

/** Arrow JS builders take dates and timestamps through lossy JS numbers: their buffers are written directly. */
function exactVector(type, values, Data) {
	const data = new Data(values.length);
	for (let i = 0; i < values.length; i++) if (values[i] !== null) data[i] = values[i];
	return makeVector(makeData({ type, data, ...validity(values) }));
}

const ARROW_TYPES = {
	sale_id: new Int32(),
	store_id: new Int32(),
	quantity: new Int32(),
	customer_id: new Int64(),
	line_key: new Int64(),
	unit_price: new Float64(),
	amount: new Float64(),
	store_name: new Utf8(),
	product: new Utf8(),
	is_promo: new Bool()
};

function toArrowTable(columns) {
	const vectors = {};
	for (const [name, values] of Object.entries(columns)) {
		if (name === 'sale_date') vectors[name] = exactVector(new DateDay(), values, Int32Array);
		else if (name === 'sold_at')
			vectors[name] = exactVector(new TimestampMicrosecond(), values, BigInt64Array);
		else vectors[name] = vectorFromArray(values, ARROW_TYPES[name]);
	}
	return new Table(vectors);
}

// ------------------------------------------------------------------------------------------ timing

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `fn` `times` times; returns its last result and the median milliseconds. */
async function timed(times, fn) {
	const ms = [];
	let result;
	for (let i = 0; i < times; i++) {
		const started = performance.now();
		result = await fn();
		ms.push(performance.now() - started);
	}
	return { result, ms: median(ms), runs: ms.map((m) => Math.round(m)) };
}

// ------------------------------------------------------------------------------------ parquet-wasm

/** The settings of src/lib/parquet/parquet-wasm-codec.ts (this plain script cannot import TypeScript). */
const DELTA_ENCODED_TYPES = new Set([Type.Int, Type.Date, Type.Timestamp, Type.Time, Type.Duration]);

function wasmWrite(ipc, compression, deltaForIntegers = true) {
	let properties = new WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(ROW_GROUP);
	for (const field of RecordBatchReader.from(ipc).open().schema.fields) {
		if (!deltaForIntegers || !DELTA_ENCODED_TYPES.has(field.typeId)) continue;
		properties = properties
			.setColumnDictionaryEnabled(field.name, false)
			.setColumnEncoding(field.name, Encoding.DELTA_BINARY_PACKED);
	}
	return writeParquet(WasmTable.fromIPCStream(ipc), properties.build());
}

const wasmRead = (parquet) => readParquet(parquet, { batchSize: ROW_GROUP }).intoIPCStream();

// -------------------------------------------------------------------------------------- hyparquet

/** hyparquet-writer's input: one JS array per column (nulls as null) with explicit Parquet types. */
function toHyparquetColumns(table) {
	return table.schema.fields.map((field) => {
		const vector = table.getChild(field.name);
		const raw = field.name === 'sold_at' ? vector.toArray() : null;
		const data = new Array(vector.length);
		for (let i = 0; i < vector.length; i++) {
			if (!vector.isValid(i)) data[i] = null;
			else if (raw) data[i] = raw[i];
			else if (field.name === 'sale_date') data[i] = vector.get(i) / 86_400_000;
			else data[i] = vector.get(i);
		}
		return { name: field.name, data, ...HYPARQUET_TYPES[field.name] };
	});
}

const HYPARQUET_TYPES = {
	sale_id: { type: 'INT32' },
	store_id: { type: 'INT32' },
	quantity: { type: 'INT32' },
	customer_id: { type: 'INT64' },
	line_key: { type: 'INT64' },
	unit_price: { type: 'DOUBLE' },
	amount: { type: 'DOUBLE' },
	store_name: { type: 'STRING' },
	product: { type: 'STRING' },
	is_promo: { type: 'BOOLEAN' }
};

/** Dates and microsecond timestamps need a schema: hyparquet-writer's TIMESTAMP is milliseconds. */
function hyparquetSchema(columnData) {
	return [
		{ name: 'root', num_children: columnData.length },
		...columnData.map(({ name, type }) => {
			if (name === 'sale_date')
				return { name, type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' };
			if (name === 'sold_at') {
				return {
					name,
					type: 'INT64',
					converted_type: 'TIMESTAMP_MICROS',
					logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
					repetition_type: 'OPTIONAL'
				};
			}
			if (type === 'STRING')
				return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
			return { name, type, repetition_type: 'OPTIONAL' };
		})
	];
}

function hyparquetWrite(columnData, codec) {
	const schema = hyparquetSchema(columnData);
	const columns = columnData.map(({ name, data }) => ({ name, data }));
	return new Uint8Array(parquetWriteBuffer({ columnData: columns, schema, codec, rowGroupSize: ROW_GROUP }));
}

/** Keeps dates as day numbers and timestamps as BigInt microseconds (the defaults make lossy Dates). */
const RAW_PARSERS = { dateFromDays: (days) => days, timestampFromMicroseconds: (micros) => micros };

const arrayBufferOf = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

async function hyparquetRows(parquet) {
	return parquetReadObjects({ file: arrayBufferOf(parquet), parsers: RAW_PARSERS });
}

/** hyparquet's column chunks, assembled into one JS array per column (NULL as null). */
async function hyparquetColumns(parquet, names) {
	const chunks = {};
	await parquetRead({
		file: arrayBufferOf(parquet),
		parsers: RAW_PARSERS,
		onChunk: ({ columnName, columnData, rowStart }) =>
			(chunks[columnName] ??= []).push({ rowStart, columnData })
	});
	const columns = {};
	for (const name of names) {
		const parts = chunks[name].sort((a, b) => a.rowStart - b.rowStart);
		columns[name] = parts.flatMap((part) => Array.from(part.columnData, (v) => v ?? null));
	}
	return columns;
}

// --------------------------------------------------------------------------------------- DuckDB-WASM

async function openDuckDB() {
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const eh = { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' };
	const db = await createDuckDB({ mvp: eh, eh }, new VoidLogger(), NODE_RUNTIME);
	await db.instantiate(() => {});
	db.open({ path: ':memory:' });
	const conn = db.connect();
	conn.query('SET autoload_known_extensions = false');
	return conn;
}

function loadIntoDuckDB(conn, ipc) {
	conn.query('DROP TABLE IF EXISTS sales');
	conn.insertArrowFromIPCStream(ipc, { name: 'sales', create: true });
}

function duckdbSums(conn) {
	const row = conn
		.query(
			`SELECT count(*)::VARCHAR AS rows, sum(quantity)::VARCHAR AS quantity, sum(customer_id)::VARCHAR AS customer_id,
				sum(round(amount * 100))::BIGINT::VARCHAR AS amount_cents, count(sold_at)::VARCHAR AS sold_at_count,
				sum(epoch_us(sold_at))::VARCHAR AS sold_at_sum, typeof(any_value(sold_at)) AS sold_at_type,
				typeof(any_value(sale_date)) AS sale_date_type
			 FROM sales`
		)
		.toArray()[0]
		.toJSON();
	return row;
}

/** Native DuckDB as a yardstick: it reads the codec's file (an interop check) and writes its own zstd. */
async function nativeDuckDB(parquet, expected) {
	const dir = await mkdtemp(join(tmpdir(), 'codec-compare-'));
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		const input = join(dir, 'parquet-wasm.parquet');
		const output = join(dir, 'native.parquet');
		await writeFile(input, parquet);
		await connection.run(`CREATE TABLE sales AS SELECT * FROM read_parquet('${input}')`);
		const reader = await connection.runAndReadAll(
			`SELECT count(*)::VARCHAR AS rows, sum(quantity)::VARCHAR AS quantity, sum(customer_id)::VARCHAR AS customer_id,
				sum(round(amount * 100))::BIGINT::VARCHAR AS amount_cents, count(sold_at)::VARCHAR AS sold_at_count,
				sum(epoch_us(sold_at))::VARCHAR AS sold_at_sum FROM sales`
		);
		check('parquet-wasm zstd file → native DuckDB 1.5', reader.getRowObjectsJson()[0], expected);
		const write = await timed(3, () =>
			connection.run(
				`COPY sales TO '${output}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP})`
			)
		);
		return { ...write, bytes: (await stat(output)).size };
	} finally {
		connection.closeSync();
		instance.closeSync();
		await rm(dir, { recursive: true, force: true });
	}
}

function rowSums(rows) {
	const sums = {
		rows: rows.length,
		quantity: 0,
		customer_id: 0n,
		amount_cents: 0,
		sold_at_count: 0,
		sold_at_sum: 0n
	};
	for (const row of rows) {
		if (row.quantity !== null) sums.quantity += row.quantity;
		if (row.customer_id !== null) sums.customer_id += row.customer_id;
		sums.amount_cents += Math.round(row.amount * 100);
		if (row.sold_at !== null) {
			sums.sold_at_count++;
			sums.sold_at_sum += row.sold_at;
		}
	}
	return sums;
}

function check(label, actual, expected) {
	for (const [key, value] of Object.entries(expected)) {
		if (String(actual[key]) !== String(value))
			throw new Error(`${label}: ${key} is ${actual[key]}, expected ${value}`);
	}
	for (const [key, type] of [
		['sold_at_type', 'TIMESTAMP'],
		['sale_date_type', 'DATE']
	]) {
		if (key in actual && actual[key] !== type)
			throw new Error(`${label}: ${key} is ${actual[key]}, expected ${type}`);
	}
	checks.push(label);
}

const checks = [];

// ------------------------------------------------------------------------------------------- main

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const fmt = ({ ms, runs }) =>
	`${Math.round(ms).toLocaleString('en-US')} ms${runs.length > 1 ? ` (${runs.join(', ')})` : ''}`;

const { columns, expected } = generate(ROWS);
const names = Object.keys(columns);
const table = toArrowTable(columns);
const ipc = tableToIPC(table, 'stream');
console.error(
	`${ROWS.toLocaleString('en-US')} rows × ${table.numCols} columns, Arrow IPC stream ${mb(ipc.byteLength)} MB`
);

const init = await timed(1, async () =>
	initParquetWasm({
		module_or_path: await readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'))
	})
);
const conn = await openDuckDB();

const wasmZstd = await timed(3, () => wasmWrite(ipc, Compression.ZSTD));
const wasmZstdDefaults = await timed(3, () => wasmWrite(ipc, Compression.ZSTD, false));
const wasmSnappy = await timed(3, () => wasmWrite(ipc, Compression.SNAPPY));
console.error('parquet-wasm written');

const toHyparquet = await timed(1, () => toHyparquetColumns(table));
const hyparquetSnappy = await timed(3, () => hyparquetWrite(toHyparquet.result, 'SNAPPY'));
toHyparquet.result = null;
console.error('hyparquet-writer written');

const wasmDecode = await timed(3, () => wasmRead(wasmZstd.result));
const wasmLoad = await timed(3, () => loadIntoDuckDB(conn, wasmDecode.result));
check('parquet-wasm zstd → DuckDB-WASM', duckdbSums(conn), expected);
const wasmDecodeSnappy = await timed(3, () => wasmRead(wasmSnappy.result));
loadIntoDuckDB(conn, wasmDecodeSnappy.result);
check('parquet-wasm snappy → DuckDB-WASM', duckdbSums(conn), expected);
loadIntoDuckDB(conn, wasmRead(hyparquetSnappy.result));
check('hyparquet-writer file → parquet-wasm → DuckDB-WASM', duckdbSums(conn), expected);
console.error('parquet-wasm read');
const native = await nativeDuckDB(wasmZstd.result, expected);

const hypColumns = await timed(1, () => hyparquetColumns(hyparquetSnappy.result, names));
const hypDecode = await timed(1, () => tableToIPC(toArrowTable(hypColumns.result), 'stream'));
hypColumns.result = null;
const hypLoad = await timed(1, () => loadIntoDuckDB(conn, hypDecode.result));
check('hyparquet-writer file → hyparquet → DuckDB-WASM', duckdbSums(conn), expected);
const hypRows = await timed(1, () => hyparquetRows(hyparquetSnappy.result));
check('hyparquet-writer file → hyparquet rows', rowSums(hypRows.result), expected);
hypRows.result = null;
const hypRowsOfWasm = await timed(1, () => hyparquetRows(wasmSnappy.result));
check('parquet-wasm snappy file → hyparquet rows', rowSums(hypRowsOfWasm.result), expected);
hypRowsOfWasm.result = null;
console.error('hyparquet read');

const lines = [
	`| step | parquet-wasm 0.8.0 | hyparquet 1.33 / hyparquet-writer 0.17 |`,
	`|---|---|---|`,
	`| wasm init (compile + instantiate, once) | ${fmt(init)} | — |`,
	`| Arrow table → writer input | IPC stream, already there | ${fmt(toHyparquet)} (Arrow → JS arrays) |`,
	`| write zstd | ${fmt(wasmZstd)}, **${mb(wasmZstd.result.byteLength)} MB** | not possible without a zstd compressor package |`,
	`| write zstd, arrow-rs default encodings (dictionary everywhere) | ${fmt(wasmZstdDefaults)}, ${mb(wasmZstdDefaults.result.byteLength)} MB | — |`,
	`| yardstick: native DuckDB 1.5.6 \`COPY … (COMPRESSION zstd)\` (2 threads) | ${fmt(native)}, ${mb(native.bytes)} MB | |`,
	`| write snappy | ${fmt(wasmSnappy)}, ${mb(wasmSnappy.result.byteLength)} MB | ${fmt(hyparquetSnappy)}, ${mb(hyparquetSnappy.result.byteLength)} MB |`,
	`| read zstd → Arrow IPC stream | ${fmt(wasmDecode)} | not possible without a zstd decompressor package |`,
	`| read snappy → Arrow IPC stream | ${fmt(wasmDecodeSnappy)} | ${fmt(hypColumns)} to JS column arrays + ${fmt(hypDecode)} to Arrow JS → IPC |`,
	`| Arrow IPC stream → DuckDB-WASM table | ${fmt(wasmLoad)} | ${fmt(hypLoad)} |`,
	`| read snappy → JS row objects | — | ${fmt(hypRows)} own file; ${fmt(hypRowsOfWasm)} parquet-wasm's file |`
];
console.log(
	`\n${ROWS.toLocaleString('en-US')} rows × 12 columns, Node ${process.version}, row groups of ${ROW_GROUP.toLocaleString('en-US')}; ` +
		`Arrow IPC stream ${mb(ipc.byteLength)} MB. Median of 3 runs where the runs are listed.\n`
);
console.log(lines.join('\n'));
console.log(`\nChecks passed (row count, sums of quantity, customer_id, amount, sold_at µs, types):`);
for (const label of checks) console.log(`- ${label}`);
