// `npm run bench [-- --scale original|1m|5m|10m] [--no-persistent] [--only a,b] [--smoke]`: builds if needed,
// serves the production site, drives headless Chromium, prints a table and writes bench/results/latest.json (see docs/benchmark.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { SCALE_PRESETS, type ScalePreset } from '../src/lib/generate/config';
import { basketSeconds, basketVsReference } from './figures/basket';
import {
	coldStart,
	coldStartLive,
	dashboard10mP95,
	dashboardP95,
	firstVisitFigures
} from './figures/dashboard';
import { pipelineVsDuckdbScript } from './figures/duckdb-script';
import { engineStart } from './figures/engine-start';
import { forecastWrmsseRatio, lstmEpochMs } from './figures/forecast';
import { browserGenerateRate, nodeGenerateRate } from './figures/generate';
import { importRowsPerSecond } from './figures/import';
import { initialJs } from './figures/initial-js';
import { liveBatchToScreen } from './figures/live';
import {
	browserPipelineSeconds,
	pipeline10mOk,
	pipeline10mPeakMemory,
	pipeline10mSeconds,
	pipelinePeakMemory,
	pipelineVsNative
} from './figures/pipeline';
import {
	ensureBuild,
	launchBrowser,
	newPersistentPage,
	servePreview,
	stopServer,
	type BenchContext,
	type Figure
} from './harness';

const PORT = 4191;

/**
 * Every figure of docs/benchmark.md, in its order; those without a measure yet are reported as missing. A measure
 * that resolves to null does not apply at this scale and is reported as skipped.
 */
const FIGURES: Record<string, ((ctx: BenchContext) => Promise<Figure | null>) | null> = {
	generate_lines_per_s: browserGenerateRate,
	generate_node_lines_per_s: nodeGenerateRate,
	import_rows_per_s: importRowsPerSecond,
	pipeline_s: browserPipelineSeconds,
	pipeline_vs_native: pipelineVsNative,
	pipeline_vs_duckdb_script: pipelineVsDuckdbScript,
	pipeline_10m_ok: pipeline10mOk,
	pipeline_10m_s: pipeline10mSeconds,
	peak_memory_mb: pipelinePeakMemory,
	peak_memory_10m_mb: pipeline10mPeakMemory,
	dashboard_p95_ms: dashboardP95,
	dashboard_p95_10m_ms: dashboard10mP95,
	cold_start_ms: coldStart,
	cold_start_live_ms: coldStartLive,
	first_visit_figures_ms: firstVisitFigures,
	basket_s: basketSeconds,
	basket_vs_reference: basketVsReference,
	lstm_epoch_ms: lstmEpochMs,
	forecast_wrmsse_ratio: forecastWrmsseRatio,
	initial_js_kb_gz: initialJs,
	engine_start_ms: engineStart,
	live_batch_to_screen_ms: liveBatchToScreen
};

/**
 * Every page gets a browser with an on-disk profile, as a user's, so OPFS is files (see newPersistentPage).
 * `--no-persistent` gives incognito contexts instead, whose OPFS lives in the browser's memory; so does
 * `--smoke`, which only proves every figure can be measured (a browser per page cost CI ~30 s).
 */
function parsePersistent(argv: string[]): boolean {
	return !argv.includes('--no-persistent') && !argv.includes('--smoke');
}

/** `--only a,b`: measure just these figures (the others are reported as skipped). */
function parseOnly(argv: string[]): Set<string> | null {
	const i = argv.indexOf('--only');
	if (i < 0) return null;
	const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
	const unknown = names.filter((name) => !(name in FIGURES));
	if (unknown.length || !names.length) {
		throw new Error(
			`--only takes figure names among ${Object.keys(FIGURES).join(', ')} (got ${argv[i + 1]}).`
		);
	}
	return new Set(names);
}

function parseScale(argv: string[]): ScalePreset {
	const i = argv.indexOf('--scale');
	const scale = (i >= 0 ? argv[i + 1] : '1m') as ScalePreset;
	if (!(scale in SCALE_PRESETS)) {
		throw new Error(`--scale must be one of ${Object.keys(SCALE_PRESETS).join(', ')} (got ${scale}).`);
	}
	return scale;
}

async function main() {
	const argv = process.argv.slice(2);
	const preset = parseScale(argv);
	const persistent = parsePersistent(argv);
	const only = parseOnly(argv);
	const smoke = argv.includes('--smoke');
	ensureBuild();
	const server = await servePreview(PORT);
	const browser = await launchBrowser();
	const browserVersion = browser.version();
	// Pages bring their own browsers: an idle one would only add to the memory figures.
	if (persistent) await browser.close();
	const ctx: BenchContext = {
		baseUrl: `http://localhost:${PORT}`,
		browser,
		preset,
		salesLines: SCALE_PRESETS[preset],
		samples: (usual) => (smoke ? 1 : usual),
		smoke,
		newPage: persistent ? newPersistentPage : async () => (await browser.newContext()).newPage()
	};
	const figures: Record<string, Figure> = {};
	const missing: string[] = [];
	const skipped: string[] = [];
	const failed: string[] = [];
	try {
		for (const [name, measure] of Object.entries(FIGURES)) {
			if (!measure) {
				missing.push(name);
				continue;
			}
			if (only && !only.has(name)) {
				skipped.push(name);
				continue;
			}
			process.stdout.write(`measuring ${name}…\n`);
			const startedAt = performance.now();
			try {
				const figure = await measure(ctx);
				if (figure) figures[name] = figure;
				else skipped.push(name);
				process.stdout.write(`  ${name}: ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
			} catch (error) {
				failed.push(name);
				console.error(`  ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	} finally {
		await browser.close();
		stopServer(server);
	}
	const result = {
		at: new Date().toISOString(),
		machine: { cpus: cpus().length, browser: `Chromium ${browserVersion}`, node: process.version },
		scale: { preset, sales_lines: ctx.salesLines },
		profile: persistent ? 'persistent (OPFS on disk)' : 'incognito (OPFS in memory)',
		samples: smoke ? 'one per figure (--smoke)' : 'the usual medians',
		figures,
		missing,
		skipped
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/latest.json', `${JSON.stringify(result, null, '\t')}\n`);
	console.table(
		Object.fromEntries([
			...Object.entries(figures).map(([name, f]) => [
				name,
				{ value: f.value, unit: f.unit, note: f.note ?? '' }
			]),
			...missing.map((name) => [name, { value: 'missing', unit: '', note: 'not implemented yet' }]),
			...skipped.map((name) => [
				name,
				{
					value: 'skipped',
					unit: '',
					note: only?.has(name) === false ? 'not in --only' : 'not measured at this scale'
				}
			]),
			...failed.map((name) => [name, { value: 'FAILED', unit: '', note: 'see the error above' }])
		])
	);
	if (failed.length) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
