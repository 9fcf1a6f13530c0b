import type { Page } from '@playwright/test';
import { cli, cliLake } from './cli-lake';
import { engineReady, expect, openSeededLake, test } from './fixtures';

// Served through the app's service worker, as a visitor gets it (the e2e default blocks it).
test.use({ serviceWorkers: 'allow' });

const BASELINES = ['seasonal_naive', 'moving_average', 'holt_winters'] as const;

interface CliForecast {
	series: { name: string }[];
	metrics: Record<string, { wrmsse: number; series: Record<string, { rmsse: number }> }>;
}

/** The RMSSE the page's evaluation table shows, per forecaster and series. */
async function shownRmsse(page: Page): Promise<Record<string, Record<string, number>>> {
	await expect(page.getByTestId('evaluation-table')).toHaveAttribute('data-metric', 'rmsse');
	const cells = await page
		.locator('[data-testid="evaluation-row"] td[data-col]')
		.evaluateAll((tds) =>
			tds.map((td) => [
				td.closest('tr')!.getAttribute('data-series')!,
				td.getAttribute('data-col')!,
				Number(td.getAttribute('data-value'))
			])
		);
	const shown: Record<string, Record<string, number>> = {};
	for (const [series, col, value] of cells as [string, string, number][]) (shown[col] ??= {})[series] = value;
	return shown;
}

test('train a small forecast offline on wasm; a reload shows it again without training, offline too; cancel keeps it; a newer run makes it stale', async ({
	page,
	context,
	problems
}) => {
	test.setTimeout(600_000);
	// The same data through the CLI (native DuckDB, tfjs in Node): a second engine for the baselines' scores.
	const lake = cliLake();
	await openSeededLake(page, lake);
	const cached = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
		return urls;
	});
	for (const file of ['tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd', 'tfjs-backend-wasm-']) {
		expect(
			cached.some((url) => url.includes(file)),
			file
		).toBe(true);
	}

	await context.setOffline(true);
	await page.goto('/forecast');
	await engineReady(page);
	await expect(page.getByTestId('forecast-none')).toBeVisible();
	await page.getByTestId('forecast-epochs').fill('2');
	await page.getByTestId('forecast-lookback').fill('14');
	await page.getByTestId('forecast-units').fill('8');
	await page.getByTestId('forecast-train').click();
	await expect(page.getByTestId('forecast-status')).toHaveAttribute('data-phase', 'training');
	await expect(page.getByTestId('forecast-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 240_000
	});

	// The page names the backend auto chose: wasm, since headless Chromium's WebGL is SwiftShader.
	await expect(page.getByTestId('forecast-backend-name')).toHaveText('wasm');
	await expect(page.getByTestId('forecast-backend-info')).toContainText(/SwiftShader|software/);
	const root = page.getByTestId('forecast');
	await expect(root).toHaveAttribute('data-source', 'trained');
	const trainedAt = await root.getAttribute('data-trained-at');
	const runId = await root.getAttribute('data-run-id');
	expect(trainedAt).toBeTruthy();
	const verdict = await page.getByTestId('forecast-verdict-text').innerText();
	expect(verdict).toMatch(/^The LSTM (beats|does not beat) .*seasonal naive/);
	const shown = await shownRmsse(page);
	const days = await page.getByTestId('forecast-day').count();
	expect(days).toBe(28);

	// Every baseline's score per series equals the CLI's on the same seed (DuckDB-WASM vs native DuckDB).
	const expected = JSON.parse(
		await cli('forecast', '--lake', lake, '--epochs', '1', '--units', '4', '--lookback', '14', '--json')
	) as CliForecast;
	expect(Object.keys(shown.lstm).sort()).toEqual(expected.series.map((s) => s.name).sort());
	for (const baseline of BASELINES) {
		for (const { name } of expected.series) {
			expect(shown[baseline][name], `${baseline} ${name}`).toBeCloseTo(
				expected.metrics[baseline].series[name].rmsse,
				9
			);
		}
	}
	const ratio = Number(await page.getByTestId('forecast-ratio').getAttribute('data-value'));
	expect(ratio).toBeGreaterThan(0);

	// Reloading, still offline: the saved forecast comes back from the lake, not from a new training.
	await page.reload();
	await expect(root).toHaveAttribute('data-source', 'saved', { timeout: 60_000 });
	await expect(root).toHaveAttribute('data-trained-at', trainedAt!);
	await expect(root).toHaveAttribute('data-run-id', runId!);
	await expect(page.getByTestId('forecast-status')).not.toHaveAttribute('data-phase', 'training');
	await expect(page.getByTestId('forecast-verdict-text')).toHaveText(verdict);
	await expect(page.getByTestId('forecast-backend-name')).toHaveText('wasm');
	expect(await shownRmsse(page)).toEqual(shown);
	await context.setOffline(false);

	// Cancel stops a training after its current batch and keeps the saved forecast.
	await page.getByTestId('forecast-epochs').fill('8');
	await page.getByTestId('forecast-train').click();
	await expect(page.getByTestId('forecast-status')).toContainText(/Epoch 1 of at most 8/, {
		timeout: 60_000
	});
	await page.getByTestId('forecast-cancel').click();
	await expect(page.getByTestId('forecast-status')).toHaveAttribute('data-phase', 'cancelled', {
		timeout: 60_000
	});
	await expect(root).toHaveAttribute('data-trained-at', trainedAt!);

	// A newer pipeline run makes the saved forecast stale; the page says so and offers to train again.
	await page.goto('/lake');
	await engineReady(page);
	await page.getByTestId('pipeline-run').click();
	await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-phase', 'done', {
		timeout: 300_000
	});
	const newRun = await page.getByTestId('pipeline-status').getAttribute('data-run-id');
	expect(newRun).not.toBe(runId);
	await page.goto('/forecast');
	await expect(root).toHaveAttribute('data-stale', 'true', { timeout: 60_000 });
	await expect(root).toHaveAttribute('data-run-id', runId!);
	await expect(page.getByTestId('forecast-stale')).toContainText(runId!);
	await expect(page.getByTestId('forecast-stale').getByRole('button', { name: 'Train again' })).toBeVisible();
	expect(problems).toEqual([]);
});
