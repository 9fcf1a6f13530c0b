import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readFile } from 'node:fs/promises';
import { engineReady, expect, runSql, test } from './fixtures';

// 1,000 rows with hand-checkable aggregates: Σ id = 999·1000/2 = 499,500; Σ price = Σ id / 2 = 249,750;
// day runs from 2024-01-01 to 2024-01-01 + 999 days = 2026-09-26; every 100th name is NULL (10 of them).
const VALUES_SQL = `SELECT range::INTEGER AS id,
	CASE WHEN range % 100 = 0 THEN NULL ELSE 'item-' || range END AS name,
	range * 0.5 AS price,
	DATE '2024-01-01' + range::INTEGER AS day,
	TIMESTAMP '2024-01-01 00:00:00' + to_microseconds(range * 1000001) AS ts
FROM range(1000)`;

const CHECK_SQL = `SELECT count(*)::VARCHAR AS n, sum(id)::VARCHAR AS s, sum(price)::VARCHAR AS p,
	count(name)::VARCHAR AS names, min(day)::VARCHAR AS first, max(day)::VARCHAR AS last,
	max(ts)::VARCHAR AS last_ts FROM e2e_values`;

// ts of id 999 = 2024-01-01 00:00:00 + 999,000,999 µs = 00:16:39.000999
const EXPECTED = [
	'1000',
	'499500',
	'249750.0',
	'990',
	'2024-01-01',
	'2026-09-26',
	'2024-01-01 00:16:39.000999'
];

test('a query result written as Parquet survives a reload, reads back in DuckDB, and downloads intact', async ({
	page,
	problems
}) => {
	const path = 'user/e2e_values.parquet';
	await page.goto('/lake');
	await engineReady(page);
	await page.getByTestId('sql-input').fill(VALUES_SQL);
	await page.getByTestId('parquet-path').fill(path);
	await page.getByTestId('parquet-save').click();
	await expect(page.locator(`[data-testid="lake-file"][data-path="${path}"]`)).toContainText('1,000');

	await page.reload();
	await engineReady(page);
	const file = page.locator(`[data-testid="lake-file"][data-path="${path}"]`);
	await expect(file).toContainText('1,000');

	// Read back with DuckDB-WASM: the file, from OPFS, into a table.
	await file.getByRole('button', { name: `Query ${path}` }).click();
	await expect(page.getByTestId('sql-output')).toHaveAttribute('data-run', '1');
	await expect(page.getByTestId('lake-loaded')).toContainText(
		'e2e_values (1,000 rows, user/e2e_values.parquet)'
	);
	expect(await runSql(page, CHECK_SQL)).toEqual([EXPECTED]);

	// Download: the browser's file, read in Node by hyparquet and by native DuckDB.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		file.getByRole('button', { name: `Download ${path}` }).click()
	]);
	expect(download.suggestedFilename()).toBe('e2e_values.parquet');
	const bytes = await readFile((await download.path())!);
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	expect(Number(parquetMetadata(buffer).num_rows)).toBe(1000);
	const rows = await parquetReadObjects({ file: buffer, columns: ['id', 'name', 'price'], compressors });
	expect(rows.length).toBe(1000);
	expect(rows.reduce((s, r) => s + Number(r.id), 0)).toBe(499_500);
	expect(rows.reduce((s, r) => s + Number(r.price), 0)).toBe(249_750);
	expect(rows[7]).toEqual({ id: 7, name: 'item-7', price: 3.5 });
	expect(rows[100].name).toBeNull();

	const native = await (await DuckDBInstance.create(':memory:')).connect();
	const reader = await native.runAndReadAll(
		CHECK_SQL.replace('FROM e2e_values', `FROM read_parquet('${await download.path()}')`)
	);
	expect(reader.getRows()[0]).toEqual(EXPECTED);
	native.closeSync();
	expect(problems).toEqual([]);
});
