import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { RawTruth } from '../../src/lib/generate/truth';
import type { LakeManifest } from '../../src/lib/pipeline/types';
import { engineReady, expect, runSql, test } from './fixtures';

const FACT_SALES = 'gold/fact_sales.parquet';
const enIN = new Intl.NumberFormat('en-IN');

/** A lake file's text, read by the page straight from OPFS. */
function readLakeText(page: Page, path: string): Promise<string> {
	return page.evaluate(async (path) => {
		const parts = path.split('/');
		let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
		return (await (await dir.getFileHandle(parts[parts.length - 1])).getFile()).text();
	}, path);
}

async function readManifest(page: Page): Promise<LakeManifest> {
	return JSON.parse(await readLakeText(page, '_manifest.json')) as LakeManifest;
}

/** Every file below a lake folder (none when the folder is absent), read from OPFS. */
function lakeFilesUnder(page: Page, folder: string): Promise<string[]> {
	return page.evaluate(async (folder) => {
		const files: string[] = [];
		async function walk(dir: FileSystemDirectoryHandle, prefix: string) {
			// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
			for await (const [name, handle] of dir.entries()) {
				if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
				else files.push(`${prefix}${name}`);
			}
		}
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		const dir = await lake.getDirectoryHandle(folder).catch(() => null);
		if (dir) await walk(dir, `${folder}/`);
		return files;
	}, folder);
}

/** Generates the default preset into an empty lake. */
async function generate(page: Page): Promise<void> {
	await expect(page.getByTestId('gen-preset')).toHaveValue('original');
	await page.getByTestId('gen-start').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
}

/** Runs the pipeline from the Lake page and returns the finished run's id. */
async function runPipeline(page: Page): Promise<string> {
	await page.getByTestId('pipeline-run').click();
	const status = page.getByTestId('pipeline-status');
	await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
	await expect(status).toHaveAttribute('data-elapsed-ms', /^\d+$/);
	return (await status.getAttribute('data-run-id')) ?? '';
}

/** The headless CLI's Gold for the generator's default settings (those the Lake page starts with). */
async function cliGold(): Promise<{ dir: string; manifest: LakeManifest }> {
	const dir = await mkdtemp(join(tmpdir(), 'e2e-cli-lake-'));
	const run = promisify(execFile);
	await run('node', ['bin/retail-hub.js', 'generate', '--out', dir]);
	await run('node', ['bin/retail-hub.js', 'pipeline', '--lake', dir, '--threads', '1']);
	return { dir, manifest: JSON.parse(await readFile(join(dir, '_manifest.json'), 'utf8')) as LakeManifest };
}

const FACT_TOTALS = `SELECT count(*)::VARCHAR AS n, sum(net_amount)::VARCHAR AS revenue,
	sum(cost_amount)::VARCHAR AS cost, count(DISTINCT order_id)::VARCHAR AS orders,
	count(DISTINCT customer_sk)::VARCHAR AS versions FROM`;

/** Expected violations per check: `_truth.json`'s injected defects, each kind mapped to its check. */
function injectedPerCheck(truth: RawTruth): Map<number, number> {
	const perCheck = new Map<number, number>();
	for (const counts of Object.values(truth.defects)) {
		for (const [kind, count] of Object.entries(counts)) {
			const { check } = truth.defectKinds[kind as keyof RawTruth['defectKinds']];
			if (check > 0) perCheck.set(check, (perCheck.get(check) ?? 0) + (count ?? 0));
		}
	}
	return perCheck;
}

test('a run publishes Gold that survives a reload, reports exactly the injected defects, and downloads intact', async ({
	page,
	problems
}) => {
	test.setTimeout(480_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);
	const runId = await runPipeline(page);
	expect(runId).toMatch(/^run-\d{8}-\d{6}-[0-9a-f]{4}$/);
	await expect(page.getByTestId('pipeline-summary')).toBeVisible();

	await page.reload();
	await engineReady(page);
	const manifest = await readManifest(page);
	expect(manifest.run_id).toBe(runId);
	const factRows = manifest.tables['gold/fact_sales'].rows;
	expect(factRows).toBeGreaterThan(60_000);
	const file = page.locator(`[data-testid="lake-file"][data-path="${FACT_SALES}"]`);
	await expect(file).toContainText(`${enIN.format(factRows)} rows`);
	await expect(page.locator('[data-testid="layer"][data-layer="gold"]')).toContainText('fact_sales');

	// The explorer pages through the same table.
	const explorer = page.getByTestId('explorer');
	await explorer.getByTestId('explorer-table').selectOption(FACT_SALES);
	await expect(explorer.getByTestId('paged-rows')).toHaveAttribute('data-total', String(factRows));
	await explorer.getByTestId('rows-next').click();
	await expect(explorer.getByTestId('paged-rows')).toHaveAttribute('data-offset', '50');
	await expect(explorer.getByTestId('column-stats').locator('tbody tr').first()).toBeVisible();

	// Download the file and the Gold zip; native DuckDB reads the same rows.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		file.getByRole('button', { name: `Download ${FACT_SALES}` }).click()
	]);
	expect(download.suggestedFilename()).toBe('fact_sales.parquet');
	const downloaded = (await download.path())!;
	const native = await (await DuckDBInstance.create(':memory:')).connect();
	const reader = await native.runAndReadAll(
		`SELECT count(*)::INTEGER AS n FROM read_parquet('${downloaded}')`
	);
	expect(reader.getRows()[0][0]).toBe(factRows);

	// The CLI (native DuckDB, same seed) builds the same Gold: row counts of every table, and totals.
	const cli = await cliGold();
	try {
		for (const [key, table] of Object.entries(manifest.tables)) {
			if (key.startsWith('gold/')) expect(cli.manifest.tables[key]?.rows, key).toBe(table.rows);
		}
		const totals = async (file: string) =>
			(await native.runAndReadAll(`${FACT_TOTALS} read_parquet('${file}')`)).getRows()[0];
		expect(await totals(join(cli.dir, cli.manifest.tables['gold/fact_sales'].path))).toEqual(
			await totals(downloaded)
		);
	} finally {
		await rm(cli.dir, { recursive: true, force: true });
	}
	native.closeSync();

	const [zipDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('gold-zip').click()
	]);
	expect(zipDownload.suggestedFilename()).toBe('gold.zip');
	const zipped = unzipSync(await readFile((await zipDownload.path())!));
	// Each published Gold table under its friendly name, not the versioned file behind it.
	const goldFiles = Object.keys(manifest.tables)
		.filter((key) => key.startsWith('gold/'))
		.map((key) => `${key}.parquet`);
	expect(Object.keys(zipped).sort()).toEqual(goldFiles.sort());
	expect(Buffer.from(zipped[FACT_SALES]).equals(await readFile(downloaded))).toBe(true);

	// The Data Quality page: each check's violations equal the defects the generator injected.
	const truth = JSON.parse(await readLakeText(page, 'raw/_truth.json')) as RawTruth;
	const expected = injectedPerCheck(truth);
	await page.goto('/data-quality');
	await engineReady(page);
	await expect(page.getByTestId('quality-score')).toBeVisible();
	for (const check of [1, 2, 3, 4, 5, 6]) {
		const row = page.locator(`[data-testid="check-row"][data-check-id="${check}"]`);
		await expect(row, `check ${check}`).toHaveAttribute('data-violations', String(expected.get(check) ?? 0));
	}
	await expect(page.getByTestId('reconciliation').locator('[data-balanced="false"]')).toHaveCount(0);
	await expect(page.getByTestId('quality-trend')).toHaveAttribute('data-runs', '1');

	// Check 1's offending rows are read back from the quarantine, filtered by check.
	await page.locator('[data-testid="check-row"][data-check-id="1"]').getByTestId('check-show').click();
	await expect(page.getByTestId('check-rows').getByTestId('paged-rows')).toHaveAttribute(
		'data-total',
		String(expected.get(1))
	);
	expect(problems).toEqual([]);
});

test('closing the page during Silver keeps the previous Gold readable, and the next run succeeds', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(480_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);
	const firstRun = await runPipeline(page);
	const factRows = (await readManifest(page)).tables['gold/fact_sales'].rows;

	// A second run rebuilds Silver and Gold from all of Bronze; close the tab while Silver builds.
	await page.getByTestId('pipeline-run').click();
	await expect(page.getByTestId('pipeline-status')).toContainText('Build Silver', { timeout: 120_000 });
	await page.close();

	const next = await context.newPage();
	next.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
	next.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	await next.goto('/lake');
	await engineReady(next);
	expect((await readManifest(next)).run_id).toBe(firstRun);

	const file = next.locator(`[data-testid="lake-file"][data-path="${FACT_SALES}"]`);
	await file.getByRole('button', { name: `Query ${FACT_SALES}` }).click();
	await expect(next.getByTestId('sql-output')).toHaveAttribute('data-run', '1');
	expect(await runSql(next, 'SELECT count(*)::VARCHAR AS n FROM fact_sales')).toEqual([[String(factRows)]]);

	const secondRun = await runPipeline(next);
	expect(secondRun).not.toBe(firstRun);
	expect((await readManifest(next)).run_id).toBe(secondRun);
	expect(await lakeFilesUnder(next, '_staging')).toEqual([]);
	expect(problems).toEqual([]);
});

test('a second tab cannot start a run while one is in progress', async ({ page, context, problems }) => {
	test.setTimeout(480_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);

	const other = await context.newPage();
	other.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
	other.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	await other.goto('/lake');
	await engineReady(other);

	await page.getByTestId('pipeline-run').click();
	// A step has reported: the run is inside the lock.
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-step', /\w/);
	await other.getByTestId('pipeline-run').click();
	const otherStatus = other.getByTestId('pipeline-status');
	await expect(otherStatus).toHaveAttribute('data-phase', 'error');
	await expect(otherStatus).toContainText('A pipeline run is already in progress in another tab.');

	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 240_000
	});
	await other.close();
	expect(problems).toEqual([]);
});

test('a cancelled run publishes nothing and leaves no staging behind', async ({ page, problems }) => {
	test.setTimeout(300_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);
	await page.getByTestId('pipeline-run').click();
	const status = page.getByTestId('pipeline-status');
	await expect(status).toHaveAttribute('data-step', /\w/);
	await page.getByTestId('pipeline-cancel').click();
	await expect(status).toHaveAttribute('data-phase', 'cancelled', { timeout: 120_000 });
	await expect(status).toContainText('Cancelled');
	await expect(page.locator(`[data-testid="lake-file"][data-path="${FACT_SALES}"]`)).toHaveCount(0);
	expect(await lakeFilesUnder(page, '_staging')).toEqual([]);
	expect(await lakeFilesUnder(page, 'gold')).toEqual([]);
	expect(problems).toEqual([]);
});

/** The overview's KPI cards as the page shows them, once the engine's own figures are in. */
async function overviewCards(page: Page): Promise<Record<string, string | null>> {
	await page.goto('/');
	await expect(
		page.locator('[data-testid="dashboard"][data-state="ready"][data-source="live"][data-filters=""]')
	).toBeVisible({ timeout: 120_000 });
	const cards = await page
		.getByTestId('kpi-card')
		.evaluateAll((els) => els.map((el) => [el.getAttribute('data-kpi'), el.getAttribute('data-value')]));
	return Object.fromEntries(cards);
}

/** Removes a lake file through OPFS, as a user replacing raw files would. */
function deleteLakeFile(page: Page, path: string): Promise<void> {
	return page.evaluate(async (path) => {
		const parts = path.split('/');
		let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
		await dir.removeEntry(parts[parts.length - 1]);
	}, path);
}

// Finding 2, in Chromium: one tab publishes while another reads; finding 4: a damaged manifest is named
// on the Lake page, which rolls back.
test('a second tab reading while the first publishes sees the old or the new Gold whole; a damaged manifest rolls back', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(600_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);
	const firstRun = await runPipeline(page);

	const reader = await context.newPage();
	reader.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
	reader.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	const before = await overviewCards(reader);

	// The next version has no web orders: its revenue, orders and customers all differ.
	const webOrders = (await readManifest(page)).ingested.find((file) => file.dataset === 'web_orders')!;
	await deleteLakeFile(page, webOrders.path);
	await page.getByTestId('pipeline-run').click();
	const seen: Record<string, string | null>[] = [];
	const status = page.getByTestId('pipeline-status');
	while ((await status.getAttribute('data-phase')) === 'running') seen.push(await overviewCards(reader));
	await expect(status).toHaveAttribute('data-phase', 'done');
	const secondRun = (await status.getAttribute('data-run-id')) ?? '';
	const after = await overviewCards(reader);
	expect(after.revenue).not.toBe(before.revenue);
	expect(after.orders).not.toBe(before.orders);
	expect(seen.length).toBeGreaterThan(0);
	for (const cards of seen) expect([before, after]).toContainEqual(cards);

	// A manifest cut short: the Lake page names it and rolls back to the whole copy kept of it.
	const manifestText = await readLakeText(page, '_manifest.json');
	await page.evaluate(
		async (text) => {
			const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
			const writable = await (await lake.getFileHandle('_manifest.json')).createWritable();
			await writable.write(text);
			await writable.close();
		},
		manifestText.slice(0, 2000)
	);
	await reader.close();
	// The dashboards say so too, rather than "no data yet".
	await page.goto('/');
	await engineReady(page);
	await expect(page.getByTestId('empty-state')).toContainText('The lake needs repair');
	await expect(page.getByTestId('empty-state')).toContainText('The lake file _manifest.json is damaged');
	await page.goto('/lake');
	await engineReady(page);
	const problem = page.getByTestId('lake-problem');
	await expect(problem).toContainText('The lake file _manifest.json is damaged: it is not valid JSON');
	await problem.getByTestId('lake-rollback').click();
	await expect(page.getByTestId('lake-repair-note')).toContainText(
		`the lake publishes run ${secondRun} again`
	);
	await expect(problem).toHaveCount(0);
	expect((await readManifest(page)).run_id).toBe(secondRun);
	expect(firstRun).not.toBe(secondRun);
	expect(await overviewCards(page)).toEqual(after);
	expect(problems).toEqual([]);
});
