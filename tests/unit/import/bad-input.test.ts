import { openAsBlob } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fit } from '../../../src/lib/import/detect-dataset';
import { importFile, type ImportResult } from '../../../src/lib/import/import-file';
import { previewImport, type MappingChoice } from '../../../src/lib/import/import-preview';
import { ImportError, type ImportSource } from '../../../src/lib/import/import-source';
import type { ImportMapping } from '../../../src/lib/import/mapping';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { ingestFile } from '../../../src/lib/pipeline/ingest/ingest-file';
import { listRawFiles } from '../../../src/lib/pipeline/ingest/raw-files';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

const BAD = join(import.meta.dirname, '../../fixtures/bad');

/** A whole-file problem: the preview and the import refuse the file with this message; nothing is written. */
interface Refused {
	file: string;
	error: string;
}

/** A file the preview cannot map: it says what the user must decide; nothing can be imported as it is. */
interface Asks {
	file: string;
	needs: string[];
}

/** Rows [row, reason]: the importer's rejects use the source file's rows, Bronze's the raw file's lines. */
type Rejects = [number, string][];

/** A file that imports: every row is written or kept as unreadable, and every written row is taken or rejected by Bronze. */
interface Imports {
	file: string;
	choice?: MappingChoice;
	/** The importer's result message. */
	message: string;
	rows: { read: number; written: number; unreadable: number; bronze: number; bronzeRejected: number };
	/** Kept in `raw/_imports/…rejects.ndjson`. */
	unreadable?: Rejects;
	/** In `bronze_rejects`, by the raw file's row. */
	bronzeRejects?: Rejects;
	/** The first row of the raw file written, where the point is what became of a value. */
	firstRow?: Record<string, unknown>;
	/** Imported a second time (under another name): skipped, with this message. */
	again?: string;
}

type Case = Refused | Asks | Imports;

const DATE = '2024-01-05 10:00:00';

/**
 * One case per file of tests/fixtures/bad (README.md there says what is wrong with each): the exact
 * message or reject reasons, and the row accounting: rows read = written + unreadable (the importer), and
 * written = taken + rejected (Bronze), so rows in = Bronze's rows + Bronze's rejects + the importer's.
 */
const CASES: Case[] = [
	{ file: 'empty.csv', error: 'empty.csv is empty (0 bytes): there is nothing to import.' },
	{ file: 'whitespace-only.csv', error: 'whitespace-only.csv is empty: there is nothing to import.' },
	{
		file: 'binary-image.csv',
		error:
			'binary-image.csv is not a text file (byte 9 is a NUL byte): import CSV, TSV, NDJSON, JSON or Parquet, gzipped or not.'
	},
	{
		file: 'excel-workbook.xlsx',
		error:
			'excel-workbook.xlsx is a ZIP archive (an Excel .xlsx workbook, or zipped files), not a data file: save the sheet as CSV (or unzip it) and import that.'
	},
	{
		file: 'utf16.csv',
		error:
			'utf16.csv is UTF-16 text, which is not read: save it as UTF-8 (in Excel: CSV UTF-8) and import it again.'
	},
	{
		file: 'invalid-utf8-late.csv.gz',
		error:
			'invalid-utf8-late.csv.gz is not UTF-8 text after byte 65,536 (its start is): save the whole file as UTF-8 and import it again.'
	},
	{
		file: 'not-gzip.csv.gz',
		error:
			"not-gzip.csv.gz is named .gz but is not gzip data (it does not start with gzip's bytes 1f 8b): if it is not compressed, take .gz off its name and import it again."
	},
	{
		file: 'truncated.csv.gz',
		error:
			'truncated.csv.gz: the gzip data is damaged or cut short, so it cannot be unpacked: gzip the original file again and import that.'
	},
	{
		file: 'json-array-of-numbers.json',
		error:
			'json-array-of-numbers.json: none of its rows could be read (row 1: not a JSON object): a .json file must hold one array of objects.'
	},
	{
		file: 'json-array-cut-short.json',
		error:
			'json-array-cut-short.json cannot be read as JSON: it ends inside the array (after item 2): the file is cut short.'
	},
	{
		file: 'json-trailing-text.json',
		error:
			'json-trailing-text.json cannot be read as JSON: unexpected "D" after the array: a .json file must hold one array of objects.'
	},
	{
		file: 'parquet-truncated.parquet',
		error: 'parquet-truncated.parquet is not a readable Parquet file (parquet file invalid (footer != PAR1)).'
	},
	{
		file: 'missing-required-column.csv',
		needs: [
			"missing-required-column.csv: no dataset's required columns are all there (closest: pos_sales, missing unit_price). Choose the dataset and map its columns."
		]
	},
	{
		file: 'unknown-header.csv',
		needs: [
			"unknown-header.csv: no dataset's required columns are all there (closest: stores, missing store_id, city). Choose the dataset and map its columns."
		]
	},
	{
		file: 'space-separated.txt',
		needs: [
			'space-separated.txt has one column only (its header looks space-separated, which is not read): save it comma-, tab-, semicolon- or pipe-separated and import it again.'
		]
	},
	{
		file: 'header-only.csv',
		message: 'header-only.csv was not imported: it has no data rows.',
		rows: { read: 0, written: 0, unreadable: 0, bronze: 0, bronzeRejected: 0 }
	},
	{
		file: 'mixed-delimiters.csv',
		message:
			'1 rows → raw/pos_sales/mixed-delimiters.ndjson. 2 rows could not be read: see raw/_imports/pos_sales/mixed-delimiters.rejects.ndjson.',
		rows: { read: 3, written: 1, unreadable: 2, bronze: 1, bronzeRejected: 0 },
		unreadable: [2, 3].map((row) => [
			row,
			'expected 6 fields, found 1: the row is semicolon-separated, the header comma-separated (save the file with one delimiter and import it again)'
		])
	},
	{
		file: 'ragged-too-many.csv',
		message:
			'1 rows → raw/pos_sales/ragged-too-many.ndjson. 2 rows could not be read: see raw/_imports/pos_sales/ragged-too-many.rejects.ndjson.',
		rows: { read: 3, written: 1, unreadable: 2, bronze: 1, bronzeRejected: 0 },
		unreadable: [
			[2, 'expected 6 fields, found 7'],
			// An unquoted thousands separator: 1,250.00 became two fields.
			[3, 'expected 6 fields, found 7']
		]
	},
	{
		file: 'ragged-too-few.csv',
		message:
			'2 rows → raw/pos_sales/ragged-too-few.ndjson. 1 rows could not be read: see raw/_imports/pos_sales/ragged-too-few.rejects.ndjson.',
		rows: { read: 3, written: 2, unreadable: 1, bronze: 2, bronzeRejected: 0 },
		unreadable: [[2, 'expected 6 fields, found 4']]
	},
	{
		file: 'unterminated-quote.csv',
		message:
			'1 rows → raw/pos_sales/unterminated-quote.ndjson. 1 rows could not be read: see raw/_imports/pos_sales/unterminated-quote.rejects.ndjson.',
		rows: { read: 2, written: 1, unreadable: 1, bronze: 1, bronzeRejected: 0 },
		unreadable: [
			[
				2,
				'a quoted field is never closed, so the 2 lines after it were read into it: close its quote (or double a quote inside it: "") and import again'
			]
		]
	},
	{
		file: 'text-after-quote.csv',
		message:
			'1 rows → raw/pos_sales/text-after-quote.ndjson. 1 rows could not be read: see raw/_imports/pos_sales/text-after-quote.rejects.ndjson.',
		rows: { read: 2, written: 1, unreadable: 1, bronze: 1, bronzeRejected: 0 },
		unreadable: [[2, 'text after a closing quote']]
	},
	{
		file: 'huge-field.csv.gz',
		message:
			'2 rows → raw/pos_sales/huge-field.ndjson. 1 rows could not be read: see raw/_imports/pos_sales/huge-field.rejects.ndjson.',
		rows: { read: 3, written: 2, unreadable: 1, bronze: 2, bronzeRejected: 0 },
		unreadable: [[2, 'the row is longer than 1 MB (12,00,032 characters; a row may be 1 MB at most)']]
	},
	{
		file: 'unparseable-dates.csv',
		message:
			'4 rows → raw/pos_sales/unparseable-dates.ndjson. 3 of them have values the pipeline will reject (with reasons).',
		rows: { read: 4, written: 4, unreadable: 0, bronze: 1, bronzeRejected: 3 },
		bronzeRejects: [
			[2, 'invoice_date: "yesterday" is not a timestamp (YYYY-MM-DD HH:MM:SS)'],
			[3, 'invoice_date: "2024-02-30" is not a timestamp (YYYY-MM-DD HH:MM:SS)'],
			[4, 'invoice_date: "2024-01-05 25:00" is not a timestamp (YYYY-MM-DD HH:MM:SS)']
		]
	},
	{
		file: 'ambiguous-dates.csv',
		// The preview asks (tests/unit/import/importer.test.ts); chosen DD/MM, every date converts.
		choice: { dateOrder: 'dmy' },
		message: '2 rows → raw/pos_sales/ambiguous-dates.ndjson.',
		rows: { read: 2, written: 2, unreadable: 0, bronze: 2, bronzeRejected: 0 },
		firstRow: { invoice_date: '2024-02-01' }
	},
	{
		file: 'unparseable-numbers.csv',
		message:
			'5 rows → raw/pos_sales/unparseable-numbers.ndjson. 4 of them have values the pipeline will reject (with reasons).',
		rows: { read: 5, written: 5, unreadable: 0, bronze: 1, bronzeRejected: 4 },
		bronzeRejects: [
			[2, 'quantity: "two" is not an integer'],
			[3, 'unit_price: "ten rupees" is not a decimal(12,2)'],
			[4, 'quantity: "2.5" is not an integer'],
			[5, 'quantity: "99999999999" is not an integer']
		]
	},
	{
		file: 'required-values-empty.csv',
		message:
			'3 rows → raw/pos_sales/required-values-empty.ndjson. 2 of them have values the pipeline will reject (with reasons).',
		rows: { read: 3, written: 3, unreadable: 0, bronze: 1, bronzeRejected: 2 },
		bronzeRejects: [
			[2, 'store_id: required value is missing'],
			// Blank is empty once trimmed.
			[3, 'product_id: required value is missing']
		]
	},
	{
		file: 'crlf.csv',
		message:
			'2 rows → raw/pos_sales/crlf.ndjson. 1 of them have values the pipeline will reject (with reasons).',
		rows: { read: 2, written: 2, unreadable: 0, bronze: 1, bronzeRejected: 1 },
		// The last field of row 2 is empty, not "\r".
		bronzeRejects: [[2, 'unit_price: required value is missing']],
		firstRow: { invoice_no: 'A1', unit_price: '10' }
	},
	{
		file: 'utf8-bom.csv',
		message: '1 rows → raw/pos_sales/utf8-bom.ndjson.',
		rows: { read: 1, written: 1, unreadable: 0, bronze: 1, bronzeRejected: 0 },
		// The byte order mark is not part of the first column's name.
		firstRow: { invoice_no: 'A1', invoice_date: DATE }
	},
	{
		file: 'latin1.csv',
		message: '2 rows → raw/products/latin1.ndjson.',
		rows: { read: 2, written: 2, unreadable: 0, bronze: 2, bronzeRejected: 0 },
		firstRow: { product_id: 'P1', product_name: 'Café crème' }
	},
	{
		file: 'duplicate-header-names.csv',
		message: '1 rows → raw/pos_sales/duplicate-header-names.ndjson.',
		rows: { read: 1, written: 1, unreadable: 0, bronze: 1, bronzeRejected: 0 },
		// The first `quantity` is the contract's; the second is kept, renamed, not dropped.
		firstRow: { quantity: '1', quantity_2: '3' }
	},
	{
		file: 'blank-header-name.csv',
		message: '1 rows → raw/pos_sales/blank-header-name.ndjson.',
		rows: { read: 1, written: 1, unreadable: 0, bronze: 1, bronzeRejected: 0 },
		firstRow: { unit_price: '10', column_7: 'note' }
	},
	{
		file: 'duplicate-upload.csv',
		message: '2 rows → raw/pos_sales/duplicate-upload.ndjson.',
		rows: { read: 2, written: 2, unreadable: 0, bronze: 2, bronzeRejected: 0 },
		again:
			'copy of duplicate-upload.csv holds the same data as raw/pos_sales/duplicate-upload.ndjson, already in the lake: skipped.'
	},
	{
		file: 'json-array-mixed.json',
		message:
			'2 rows → raw/web_orders/json-array-mixed.ndjson. 3 rows could not be read: see raw/_imports/web_orders/json-array-mixed.rejects.ndjson.',
		rows: { read: 5, written: 2, unreadable: 3, bronze: 2, bronzeRejected: 0 },
		unreadable: [2, 3, 4].map((row) => [row, 'not a JSON object'])
	},
	{
		file: 'ndjson-not-objects.ndjson',
		message:
			'2 rows → raw/web_orders/ndjson-not-objects.ndjson. 3 rows could not be read: see raw/_imports/web_orders/ndjson-not-objects.rejects.ndjson.',
		rows: { read: 5, written: 2, unreadable: 3, bronze: 2, bronzeRejected: 0 },
		unreadable: [2, 3, 4].map((row) => [row, 'not a JSON object'])
	},
	{
		file: 'truncated.ndjson',
		message:
			'2 rows → raw/web_orders/truncated.ndjson. 1 rows could not be read: see raw/_imports/web_orders/truncated.rejects.ndjson.',
		rows: { read: 3, written: 2, unreadable: 1, bronze: 2, bronzeRejected: 0 },
		unreadable: [
			[
				3,
				'not valid JSON: the line ends inside the object (cut short, or one object over several lines? NDJSON takes one whole object a line)'
			]
		]
	},
	{
		file: 'parquet-wrong-types.parquet',
		message:
			'3 rows → raw/web_orders/parquet-wrong-types.ndjson. 3 of them have values the pipeline will reject (with reasons).',
		rows: { read: 3, written: 3, unreadable: 0, bronze: 0, bronzeRejected: 3 },
		// A decimal comma ("3,5") in unit_price does not turn the DOUBLE quantity 1.5 into 15.
		bronzeRejects: [
			[
				1,
				'order_date: "true" is not a timestamp (YYYY-MM-DD HH:MM:SS); quantity: "1.5" is not an integer; unit_price: "ten" is not a decimal(12,2)'
			],
			[2, 'order_date: "false" is not a timestamp (YYYY-MM-DD HH:MM:SS)'],
			[3, 'order_date: "true" is not a timestamp (YYYY-MM-DD HH:MM:SS); quantity: "3.25" is not an integer']
		]
	}
];

const open = async (file: string, name = file): Promise<ImportSource> => ({
	name,
	blob: await openAsBlob(join(BAD, file))
});

/** What a refused file would be imported as if the preview were skipped: the pos_sales columns by name. */
const POS_SALES: ImportMapping = {
	dataset: 'pos_sales',
	columns: fit('pos_sales', [
		'invoice_no',
		'invoice_date',
		'store_id',
		'product_id',
		'quantity',
		'unit_price'
	]).columns,
	dateOrder: 'ymd',
	decimalComma: false
};

describe('the bad-input corpus (tests/fixtures/bad), through the importer and Bronze', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	}, 60_000);
	afterAll(() => sql?.close());

	it('has a case for every file, and at least 25 files', async () => {
		const files = (await readdir(BAD))
			.filter((name) => !['README.md', '.gitattributes'].includes(name))
			.sort();
		expect(CASES.map((c) => c.file).sort()).toEqual(files);
		expect(files.length).toBeGreaterThanOrEqual(25);
	});

	const refused = CASES.filter((c): c is Refused => 'error' in c);
	it.each(refused.map((c) => [c.file, c] as const))('%s: refused whole, nothing written', async (_, c) => {
		await expect(previewImport(await open(c.file))).rejects.toThrow(new ImportError(c.error));
		const store = new MemoryLakeStore();
		const outcome = await importFile(store, await open(c.file), POS_SALES).catch((error: Error) => error);
		if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ImportError);
		else expect(outcome.status).toBe('rejected');
		expect(await listRawFiles(store)).toEqual([]);
	});

	const asks = CASES.filter((c): c is Asks => 'needs' in c);
	it.each(asks.map((c) => [c.file, c] as const))('%s: the preview asks for a mapping', async (_, c) => {
		const preview = await previewImport(await open(c.file));
		expect(preview.mapping).toBeNull();
		expect(preview.needs).toEqual(c.needs);
	});

	const imports = CASES.filter((c): c is Imports => 'rows' in c);
	it.each(imports.map((c) => [c.file, c] as const))(
		'%s: every row accounted for, with its reason',
		async (_, c) => {
			const source = await open(c.file);
			const preview = await previewImport(source, c.choice);
			expect(preview.needs).toEqual([]);
			const store = new MemoryLakeStore();
			const result = await importFile(store, source, preview.mapping!);
			expect(result.message).toBe(c.message);
			expect({
				read: result.rows_read,
				written: result.rows_written,
				unreadable: result.rows_rejected
			}).toEqual({ read: c.rows.read, written: c.rows.written, unreadable: c.rows.unreadable });
			expect(result.rows_read).toBe(result.rows_written + result.rows_rejected);
			expect(await unreadableRows(store, result)).toEqual(c.unreadable ?? []);
			// The preview counts the same rows as rejected as the importer and Bronze together.
			expect(preview.rowsRejected).toBe(c.rows.unreadable + c.rows.bronzeRejected);

			const [raw] = await listRawFiles(store);
			if (c.rows.written === 0) {
				expect(raw).toBeUndefined();
				return;
			}
			if (c.firstRow) {
				const first = new TextDecoder().decode(await store.read(raw.path)).split('\n')[0];
				expect(JSON.parse(first)).toMatchObject(c.firstRow);
			}
			const bronze = await ingestFile(sql, store, raw, { ingestedAt: '2026-01-02 03:04:05' });
			expect({ raw: bronze.rows_raw, bronze: bronze.rows_bronze, rejected: bronze.rows_rejected }).toEqual({
				raw: c.rows.written,
				bronze: c.rows.bronze,
				rejected: c.rows.bronzeRejected
			});
			const { rows } = await sql.query(
				`SELECT _row_number::INTEGER AS n, reason FROM bronze_rejects WHERE _source_file = '${raw.path}' ORDER BY 1`
			);
			expect(rows.map((row) => [Number(row.n), row.reason])).toEqual(c.bronzeRejects ?? []);

			if (c.again) {
				const again = await importFile(store, await open(c.file, `copy of ${c.file}`), preview.mapping!);
				expect(again).toMatchObject({
					status: 'duplicate',
					path: raw.path,
					rows_written: 0,
					message: c.again
				});
				expect(await listRawFiles(store)).toHaveLength(1);
			}
		},
		30_000
	);
});

/** The importer's kept rejects: [row, reason] for each row it could not read. */
async function unreadableRows(store: MemoryLakeStore, result: ImportResult): Promise<[number, string][]> {
	if (result.rejects_path === null) return [];
	const text = new TextDecoder().decode(await store.read(result.rejects_path));
	return text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as { row: number; reason: string })
		.map(({ row, reason }) => [row, reason]);
}
