import { rm } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newCliLake, cliReports } from '../e2e/cli-lake';
import { expectedCards } from '../e2e/kpi-cards';
import { findLayoutProblems } from '../e2e/layout';
import { kpiCards, launchFirefox, waitForPhase, type Firefox } from './firefox';
import { startPreview, type PreviewServer } from './preview-server';

let server: PreviewServer;
let firefox: Firefox;

beforeAll(async () => {
	server = await startPreview();
	firefox = await launchFirefox();
});

afterAll(async () => {
	await firefox?.close();
	await server?.stop();
});

/** The Overview with the engine's own figures for this lake (not the figures kept from the last visit). */
async function liveOverview(page: Page): Promise<void> {
	await page.waitForSelector(
		'[data-testid="dashboard"][data-page="overview"][data-state="ready"][data-source="live"][data-filters=""]',
		{ timeout: 120_000 }
	);
}

/** Every Overview card's raw number equals the one `cli report` computes (native DuckDB) on the same lake. */
async function expectOverviewCards(page: Page, expected: Record<string, number | null>): Promise<void> {
	const shown = await kpiCards(page);
	for (const [kpi, value] of Object.entries(expected)) {
		expect(shown.has(kpi), `overview card ${kpi}`).toBe(true);
		if (value === null) expect(shown.get(kpi), `overview card ${kpi}`).toBe('');
		else expect(Number(shown.get(kpi)), `overview card ${kpi}`).toBeCloseTo(value, 6);
	}
}

test('Firefox: generate, run the pipeline, the Overview equals `cli report`, a reload keeps it, offline too; the forecast falls back to wasm', async () => {
	const { page, problems } = firefox;
	// The same data through the CLI, meanwhile: the Lake page's defaults, a second engine for the figures.
	const lake = newCliLake('firefox-core-flow-');
	try {
		await page.goto(`${server.url}/lake`);
		await waitForPhase(page, 'engine-status', 'ready', 180_000);
		await page.click('[data-testid="gen-start"]');
		await waitForPhase(page, 'gen-status', 'done', 180_000);
		await page.click('[data-testid="pipeline-run"]');
		await waitForPhase(page, 'pipeline-status', 'done', 300_000);

		const overview = expectedCards('overview', (await cliReports(await lake)).overview);
		console.log('Overview cards from `cli report`:', JSON.stringify(overview));
		expect(overview.orders).toBeGreaterThan(0);
		await page.goto(`${server.url}/`);
		await liveOverview(page);
		await expectOverviewCards(page, overview);
		for (const width of [1280, 375]) {
			await page.setViewport({ width, height: 900 });
			expect(await page.evaluate(findLayoutProblems), `overview at ${width} px`).toEqual([]);
		}

		// The lake is in this profile's OPFS: a reload reads it again.
		await page.reload();
		await liveOverview(page);
		await expectOverviewCards(page, overview);

		// Offline: the service worker serves the app (DuckDB's wasm included) from its precache. The preview
		// server is stopped too, so nothing could come from the network even where the emulation lets it by.
		const controlled = await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller !== null;
		});
		expect(controlled).toBe(true);
		await server.stop();
		await expect(fetch(server.url)).rejects.toThrow();
		await page.setOfflineMode(true);
		await page.reload();
		await liveOverview(page);
		await expectOverviewCards(page, overview);

		// Not the core flow, but it must not break: WebGL 2 on an OffscreenCanvas does not start in headless
		// Firefox, so the forecast's Auto backend trains on wasm and says why.
		await page.goto(`${server.url}/forecast`);
		await waitForPhase(page, 'engine-status', 'ready', 180_000);
		await page.waitForSelector('[data-testid="forecast-none"]', { timeout: 60_000 });
		for (const [setting, value] of [
			['epochs', '2'],
			['lookback', '14'],
			['units', '8']
		])
			await page.locator(`[data-testid="forecast-${setting}"]`).fill(value);
		await page.click('[data-testid="forecast-train"]');
		await waitForPhase(page, 'forecast-status', 'done', 240_000);
		const backend = await page.$eval('[data-testid="forecast-backend-info"]', (el) => el.textContent ?? '');
		expect(backend).toMatch(/Backend: wasm/);
		expect(backend).toMatch(/no WebGL/);
		expect(await page.$$('[data-testid="forecast-day"]')).toHaveLength(28);
	} finally {
		await rm(await lake, { recursive: true, force: true });
	}
	expect(problems).toEqual([]);
});
