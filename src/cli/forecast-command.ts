import type { BackendPreference } from '../lib/forecast/backend-names';
import { FORECASTER_LABELS, FORECASTERS, type ForecastResult } from '../lib/forecast/forecast-result';
import { forecastSettings, SettingsError, type LimitedSetting } from '../lib/forecast/settings';
import { formatMs } from '../lib/format/duration';
import { parseCommandOptions, UsageError, type CliCommand, type CliIo } from './command';
import { openNativeLake, publishedRun } from './native-lake';
import { textTable } from './text-table';

const HELP = `Usage: npm run cli -- forecast --lake DIR [options]

Trains the demand forecast on the lake's published Gold, as the Forecast page does: daily units per
category and in total (flagged spikes left out), the last 28 days held out, a global LSTM on TensorFlow.js's
wasm backend in Node (never tfjs-node), scored against seasonal naive (lag 7), a 28-day moving average and
Holt-Winters on the same holdout. Saves DIR/analytics/forecast/<run_id>/ (forecast.parquet, model.json,
weights.bin, evaluation.json) and prints the evaluation. Run "pipeline --lake DIR" first.

Options:
  --lake DIR        lake folder with a published Gold layer; required
  --epochs N        training epochs at most (early stopping may end sooner); default 8
  --seed S          random seed for weights and shuffling; default 42
  --lookback N      days of history the LSTM reads; default 28
  --units N         LSTM units; default 32
  --backend NAME    auto, wasm or cpu; default auto (wasm)
  --json            print { backend, series, metrics, coverage, verdict, training, forecast } as JSON
  -h, --help        this text

Example: npm run cli -- forecast --lake /tmp/lake --epochs 8 --seed 42 --json`;

export const forecastCommand: CliCommand = {
	name: 'forecast',
	summary: 'train the LSTM demand forecast on a lake’s Gold and score it against the baselines',
	help: HELP,
	run
};

const WHOLE_NUMBER_OPTIONS = [
	'epochs',
	'seed',
	'lookback',
	'units'
] as const satisfies readonly LimitedSetting[];
const NODE_BACKENDS: BackendPreference[] = ['auto', 'wasm', 'cpu'];

async function run(args: string[], io: CliIo): Promise<number> {
	const { values } = parseOptions(args);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.lake === undefined) throw new UsageError('--lake DIR is required.');
	const settings = toSettings(values);
	const preference = (values.backend ?? 'auto') as BackendPreference;
	if (!NODE_BACKENDS.includes(preference)) {
		throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, got "${preference}".`);
	}

	const [tf, { readDailySeries }, job] = await Promise.all([
		import('@tensorflow/tfjs'),
		import('../lib/forecast/daily-series'),
		import('../lib/forecast/forecast-job'),
		import('@tensorflow/tfjs-backend-wasm')
	]);
	tf.enableProdMode();
	const lake = await openNativeLake(values.lake, { threads: 1 });
	const { store, codec } = lake;
	let read;
	try {
		const { sql, manifest } = await publishedRun(lake);
		read = { runId: manifest.run_id, series: await readDailySeries(sql) };
	} finally {
		await lake.sql.close();
	}
	const backend = await job.chooseForecastBackend(preference, null, settings, read.series.names.length);
	io.err(`Training on ${backend.name}: ${backend.reason}`);
	const controller = new AbortController();
	const cancel = () => controller.abort();
	process.once('SIGINT', cancel);
	try {
		const result = await job.trainAndSave(
			{ ...read, settings, backend },
			{ store, codec },
			{
				signal: controller.signal,
				onProgress: (progress) => {
					if (progress.stage === 'epoch') {
						const { epoch, loss, valLoss, ms } = progress.record;
						io.err(
							`  epoch ${epoch}: loss ${loss.toFixed(4)}, validation ${valLoss.toFixed(4)} (${formatMs(ms)})`
						);
					}
				}
			}
		);
		io.out(values.json ? JSON.stringify(toJson(result), null, '\t') : summary(result));
		return 0;
	} finally {
		process.off('SIGINT', cancel);
	}
}

/** The CLI's JSON: the evaluation with snake_case forecaster keys, and the next 28 days per series. */
function toJson({ evaluation, rows }: ForecastResult) {
	return {
		run_id: evaluation.runId,
		backend: evaluation.backend.name,
		backend_reason: evaluation.backend.reason,
		settings: evaluation.settings,
		dates: evaluation.dates,
		series: evaluation.series,
		metrics: evaluation.metrics,
		verdict: evaluation.verdict,
		wrmsse_ratio: evaluation.wrmsseRatio,
		coverage: evaluation.coverage,
		training: evaluation.training,
		forecast: rows
			.filter((row) => row.kind === 'future')
			.map(({ series, date, value, lo80, hi80, lo95, hi95 }) => ({
				series,
				date,
				units: value,
				lo80,
				hi80,
				lo95,
				hi95
			}))
	};
}

/** RMSSE per series and forecaster, WRMSSE, the verdict, coverage and the training's cost. */
function summary({ evaluation }: ForecastResult): string {
	const score = (value: number | null) => (value === null ? '—' : value.toFixed(3));
	const header = ['RMSSE', ...FORECASTERS.map((forecaster) => FORECASTER_LABELS[forecaster])];
	const rows = evaluation.series.map(({ name }) => [
		name,
		...FORECASTERS.map((forecaster) => score(evaluation.metrics[forecaster].series[name].rmsse))
	]);
	const overall = [
		'WRMSSE (categories)',
		...FORECASTERS.map((forecaster) => score(evaluation.metrics[forecaster].wrmsse))
	];
	const { training, coverage, dates } = evaluation;
	return [
		`Forecast of run ${evaluation.runId}: history ${dates.first} … ${dates.last}, holdout from ${dates.holdoutStart}.`,
		'',
		...textTable([header, ...rows, overall]),
		'',
		evaluation.verdict,
		`LSTM WRMSSE ÷ seasonal-naive WRMSSE: ${score(evaluation.wrmsseRatio)}.`,
		`Holdout coverage of the intervals: ${(coverage.p80 * 100).toFixed(1)} % inside the 80 % band, ${(coverage.p95 * 100).toFixed(1)} % inside the 95 % band.`,
		`Trained on ${evaluation.backend.name}: ${training.epochs.length} epochs (best ${training.bestEpoch}), ` +
			`${formatMs(training.epochMs)} per epoch, ${formatMs(training.elapsedMs)} in all.`
	].join('\n');
}

function toSettings(values: ReturnType<typeof parseOptions>['values']) {
	const changes: Partial<Record<LimitedSetting, number>> = {};
	for (const name of WHOLE_NUMBER_OPTIONS) {
		const text = values[name];
		if (text === undefined) continue;
		if (!/^\d+$/.test(text)) throw new UsageError(`--${name} needs a whole number, got "${text}".`);
		changes[name] = Number(text);
	}
	try {
		return forecastSettings(changes);
	} catch (error) {
		if (error instanceof SettingsError) throw new UsageError(`--${error.message}`);
		throw error;
	}
}

function parseOptions(args: string[]) {
	return parseCommandOptions(args, {
		lake: { type: 'string' },
		epochs: { type: 'string' },
		seed: { type: 'string' },
		lookback: { type: 'string' },
		units: { type: 'string' },
		backend: { type: 'string' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
}
