// Where a first visit's time goes: generates and publishes a lake in headless Chromium (as `npm run bench`
// does), then opens the Overview with no figures kept, a few times, and prints when each part was done, in
// ms from navigation start: the page's scripts, the engine worker's start phases (EngineStatus.phases), the
// engine ready on the page, the first KPI number painted, and the engine's own figures (its report's time).
// `npx tsx bench/tools/profile-first-visit.ts [--scale original|1m] [--visits N]` (builds if needed).
import { SCALE_PRESETS, type ScalePreset } from '../../src/lib/generate/config';
import { forgetKeptFigures } from '../../tests/e2e/kept-figures';
import { ensureBuild, generateAndPublish, launchBrowser, servePreview, stopServer } from '../harness';

const PORT = 4192;
const args = process.argv.slice(2);
const preset = (args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'original') as ScalePreset;
const visits = Number(args.includes('--visits') ? args[args.indexOf('--visits') + 1] : 3);

/** In the page: the timeline of the visit, once the engine's own figures are painted. */
const TIMELINE = `async () => {
	const until = (test) => new Promise((resolve) => {
		const check = () => (test() ? resolve(performance.now()) : setTimeout(check, 10));
		check();
	});
	const card = '[data-testid="kpi-card"][data-value]:not([data-value=""])';
	const firstKpi = await until(() => document.querySelector(card));
	const source = document.querySelector('[data-testid="dashboard"]')?.dataset.source;
	const engineReady = await until(() => document.querySelector('[data-testid="engine-status"][data-phase="ready"]'));
	const live = await until(() => document.querySelector('[data-testid="dashboard"][data-source="live"][data-state="ready"] ' + card));
	const status = document.querySelector('[data-testid="engine-status"]');
	const nav = performance.getEntriesByType('navigation')[0];
	const resource = (part) => performance.getEntriesByType('resource').find((r) => r.name.includes(part));
	const worker = resource('engine.worker');
	return {
		domContentLoaded: nav.domContentLoadedEventEnd,
		firstKpi, firstKpiSource: source,
		// The worker's phases count from its creation, about when its script was asked for.
		workerCreated: worker?.startTime,
		phases: JSON.parse(status.dataset.phases || '{}'),
		startMs: Number(status.dataset.startMs),
		engineReady,
		reportMs: Number(document.querySelector('[data-testid="dashboard"]').dataset.elapsedMs),
		liveKpi: live
	};
}`;

async function main() {
	ensureBuild();
	const server = await servePreview(PORT);
	const browser = await launchBrowser();
	try {
		const baseUrl = `http://localhost:${PORT}`;
		const page = await (await browser.newContext()).newPage();
		const ctx = {
			baseUrl,
			browser,
			preset,
			salesLines: SCALE_PRESETS[preset],
			samples: (usual: number) => usual,
			smoke: false,
			newPage: async () => page
		};
		await generateAndPublish(ctx, page);
		for (let i = 0; i < visits; i++) {
			await forgetKeptFigures(page);
			await page.goto(`${baseUrl}/`);
			console.log(JSON.stringify(await page.evaluate(`(${TIMELINE})()`)));
		}
	} finally {
		await browser.close();
		stopServer(server);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
