import type { Page } from '@playwright/test';
import { publishLake, TIMEOUT_MS, type BenchContext, type Figure } from '../harness';

interface Training {
	backend: string;
	/** Wall time of each epoch, in order. */
	epochsMs: number[];
	/** From the click on Train to the saved forecast shown. */
	wallMs: number;
}

interface ForecastRuns {
	/** The default settings on Auto: the backend it chose, the epochs, and the evaluation's figures. */
	auto: Training & {
		ratio: number;
		verdict: string;
		coverage80: number;
		coverage95: number;
		overall: string;
	};
	/** Two epochs of the default model on every backend the page offers. */
	perBackend: Training[];
}

/**
 * `lstm_epoch_ms`: one epoch of the default model on every backend the page offers (webgl, wasm, cpu), in the
 * same browser run: the second of two epochs (the first pays for shader compilation and warm-up), and on the
 * backend Auto chose, the last epoch of its default training. The value is the Auto-chosen backend's; the
 * benchmark's goal (docs/benchmark.md) is that it is the fastest measured. `--smoke` trains the other backends
 * one epoch of `SMOKE_MODEL` only, so its comparison says nothing.
 */
export async function lstmEpochMs(ctx: BenchContext): Promise<Figure> {
	const { auto, perBackend } = await forecastRuns(ctx);
	const warm = (training: Training) => training.epochsMs.at(-1)!;
	const chosen = perBackend.find((training) => training.backend === auto.backend);
	const fastest = perBackend.reduce((a, b) => (warm(a) <= warm(b) ? a : b));
	return {
		value: chosen ? warm(chosen) : warm(auto),
		unit: 'ms',
		note:
			perBackend
				.map((t) => `${t.backend} ${warm(t)} ms${t.backend === auto.backend ? ' (auto)' : ''}`)
				.join(', ') +
			(ctx.smoke
				? `; auto chose ${auto.backend} (smoke run: the others trained a small model); `
				: `; auto chose ${auto.backend}, ${fastest.backend === auto.backend ? 'the fastest' : `not the fastest (${fastest.backend})`}; `) +
			`default training on auto: ${auto.epochsMs.length} epochs, ${auto.epochsMs.join(', ')} ms; ` +
			`Train clicked → forecast saved and shown in ${(auto.wallMs / 1000).toFixed(1)} s`
	};
}

/**
 * `forecast_wrmsse_ratio`: LSTM WRMSSE ÷ seasonal-naive WRMSSE on the 28-day holdout, default settings on Auto
 * (under `--smoke`, two epochs: the ratio then says nothing of the model).
 */
export async function forecastWrmsseRatio(ctx: BenchContext): Promise<Figure> {
	const { auto } = await forecastRuns(ctx);
	return {
		value: Math.round(auto.ratio * 1000) / 1000,
		unit: 'x',
		note: `${ctx.smoke ? 'smoke run, two epochs: ' : ''}WRMSSE ${auto.overall}; coverage 80 %: ${(auto.coverage80 * 100).toFixed(1)} %, 95 %: ${(auto.coverage95 * 100).toFixed(1)} %; ${auto.verdict}`
	};
}

const measured = new WeakMap<BenchContext, Promise<ForecastRuns>>();

function forecastRuns(ctx: BenchContext): Promise<ForecastRuns> {
	let runs = measured.get(ctx);
	if (!runs) {
		runs = measureForecasts(ctx);
		measured.set(ctx, runs);
	}
	return runs;
}

/** One profile: a published lake (`publishLake`), then train on the Forecast page. */
async function measureForecasts(ctx: BenchContext): Promise<ForecastRuns> {
	const page = await ctx.newPage();
	try {
		await publishLake(ctx, page);

		await page.goto(`${ctx.baseUrl}/forecast`);
		// A smoke run proves the default training works end to end, in two epochs rather than the default's.
		const training = await train(page, 'auto', ctx.smoke ? { epochs: '2' } : {});
		const overall = await page
			.locator('[data-testid="evaluation-overall"] td[data-col]')
			.evaluateAll((tds) =>
				tds.map((td) => `${td.getAttribute('data-col')} ${Number(td.getAttribute('data-value')).toFixed(3)}`)
			);
		const auto = {
			...training,
			ratio: Number(await page.getByTestId('forecast-ratio').getAttribute('data-value')),
			coverage80: Number(await page.getByTestId('forecast-coverage-80').getAttribute('data-value')),
			coverage95: Number(await page.getByTestId('forecast-coverage-95').getAttribute('data-value')),
			verdict: await page.getByTestId('forecast-verdict-text').innerText(),
			overall: overall.join(', ')
		};
		const offered = (await page
			.getByTestId('forecast-backend')
			.locator('option')
			.evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))) as string[];
		// The backend Auto chose has just trained (its last epoch warm); each other one trains two epochs, the
		// second warm (a smoke run only proves each backend trains: one epoch of a small model).
		const perBackend: Training[] = [training];
		const settings = ctx.smoke ? SMOKE_MODEL : { epochs: '2' };
		for (const backend of offered.filter((value) => value !== 'auto' && value !== training.backend)) {
			perBackend.push(await train(page, backend, settings));
		}
		return { auto, perBackend };
	} finally {
		await page.context().close();
	}
}

/** The forecast page's settings a training overrides (the others keep their defaults). */
type ModelSettings = Partial<Record<'epochs' | 'lookback' | 'units', string>>;

/** What a smoke run trains on the backends Auto did not choose: one epoch of the e2e test's small model. */
const SMOKE_MODEL: ModelSettings = { epochs: '1', lookback: '14', units: '8' };

/** Trains on the page with `backend` and `settings` and reads what the page reports. */
async function train(page: Page, backend: string, settings: ModelSettings): Promise<Training> {
	const status = page.getByTestId('forecast-status');
	await page.getByTestId('forecast-train').waitFor({ timeout: 120_000 });
	await page.getByTestId('forecast-backend').selectOption(backend);
	for (const [name, value] of Object.entries(settings))
		await page.getByTestId(`forecast-${name}`).fill(value);
	const started = Date.now();
	await page.getByTestId('forecast-train').click({ timeout: 120_000 });
	await page.locator('[data-testid="forecast-status"][data-phase="training"]').waitFor({ timeout: 60_000 });
	await page
		.locator(
			'[data-testid="forecast-status"][data-phase="done"], [data-testid="forecast-status"][data-phase="error"]'
		)
		.waitFor({ timeout: TIMEOUT_MS });
	if ((await status.getAttribute('data-phase')) === 'error') {
		throw new Error(`training on ${backend} failed: ${await status.innerText()}`);
	}
	const wallMs = Date.now() - started;
	return {
		backend: (await status.getAttribute('data-backend')) ?? backend,
		epochsMs: ((await status.getAttribute('data-epochs-ms')) ?? '').split(',').map(Number),
		wallMs
	};
}
