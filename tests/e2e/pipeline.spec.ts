import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RawTruth } from '../../src/lib/generate/truth';
import { cliLake, lakeManifest } from './cli-lake';
import { engineReady, expect, openSeededLake, overviewCards, test, watch } from './fixtures';
import { FACT_SALES, lakeFilesUnder, readLakeText, readManifest } from './opfs-lake';

const enIN = new Intl.NumberFormat('en-IN');

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

/**
 * The score card's figures from `_truth.json` alone: every injected defect is one row, held back unless its
 * action fills or flags it (then fixed, and kept); the rest of the generated rows are clean.
 */
function expectedScore(truth: RawTruth): { heldBack: number; fixed: number; score: number } {
	let heldBack = 0;
	let fixed = 0;
	for (const counts of Object.values(truth.defects)) {
		for (const [kind, count] of Object.entries(counts)) {
			const { action } = truth.defectKinds[kind as keyof RawTruth['defectKinds']];
			if (action === 'fill' || action === 'flag') fixed += count ?? 0;
			else heldBack += count ?? 0;
		}
	}
	const incoming = Object.values(truth.files).reduce((total, file) => total + file.rows, 0);
	return { heldBack, fixed, score: Math.floor(((incoming - heldBack - fixed) / incoming) * 1000) / 10 };
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
	const cli = cliLake();
	const cliManifest = await lakeManifest(cli);
	for (const [key, table] of Object.entries(manifest.tables)) {
		if (key.startsWith('gold/')) expect(cliManifest.tables[key]?.rows, key).toBe(table.rows);
	}
	const totals = async (file: string) =>
		(await native.runAndReadAll(`${FACT_TOTALS} read_parquet('${file}')`)).getRows()[0];
	expect(await totals(join(cli, cliManifest.tables['gold/fact_sales'].path))).toEqual(
		await totals(downloaded)
	);
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
	// The score: the share of rows that reached Gold clean, with the rows held back and fixed beside it.
	const score = expectedScore(truth);
	const card = page.getByTestId('quality-score');
	await expect(card).toHaveAttribute('data-score', String(score.score));
	await expect(card).toContainText(`${score.score.toFixed(1)} %`);
	await expect(card).toHaveAttribute('data-needs-attention', '0');
	await expect(card.getByTestId('rows-held-back')).toHaveAttribute('data-rows', String(score.heldBack));
	await expect(card.getByTestId('rows-fixed')).toHaveAttribute('data-rows', String(score.fixed));
	// Each check handled exactly what was injected (the default 1 % defect rate stays under every threshold).
	for (const check of [1, 2, 3, 4, 5, 6]) {
		const row = page.locator(`[data-testid="check-row"][data-check-id="${check}"]`);
		const violations = expected.get(check) ?? 0;
		await expect(row, `check ${check}`).toHaveAttribute('data-violations', String(violations));
		await expect(row, `check ${check}`).toHaveAttribute('data-status', 'HANDLED');
		await expect(row.locator('[data-status]'), `check ${check}`).toHaveText(
			`Handled ${enIN.format(violations)} rows`
		);
	}
	await expect(page.locator('[data-testid="check-row"][data-check-id="7"]')).toHaveAttribute(
		'data-status',
		'PASSED'
	);
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

test('a second tab cannot start a run while one is in progress', async ({ page, context, problems }) => {
	test.setTimeout(480_000);
	await page.goto('/lake');
	await engineReady(page);
	await generate(page);

	const other = watch(await context.newPage(), problems);
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
	await openSeededLake(page, cliLake());
	const firstRun = (await readManifest(page)).run_id;

	const reader = watch(await context.newPage(), problems);
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
