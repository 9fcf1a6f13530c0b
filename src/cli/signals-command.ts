import { formatMoney, formatInt } from '../lib/format/number';
import { SCORE_MEANINGS } from '../lib/signals/anomalies';
import { FLAG_SCORE } from '../lib/signals/fraud';
import { detectionSteps } from '../lib/signals/detection-progress';
import { computeSignals } from '../lib/signals/signals-data';
import { anomalyReport, fraudReport } from '../lib/signals/signals-reports';
import { PLANTED_EVENT_LABELS } from '../lib/signals/truth-evaluation';
import {
	optionalNumber,
	parseCommandOptions,
	progressOf,
	UsageError,
	type CliCommand,
	type CliIo
} from './command';
import { FILTER_HELP, FILTER_OPTIONS, filtersFromOptions } from './filter-options';
import { openNativeLake, publishedRun } from './native-lake';
import { textTable } from './text-table';

const HELP = `Usage: npm run cli -- signals --lake DIR [options]

Finds the anomalies (store and category sales against their seasonal baseline, prices against each
product's typical price, flagged quantity spikes) and scores every web order's fraud signals on the lake's
published Gold, as the Anomalies and Fraud pages do. On generated data it measures precision and recall
against the events the generator planted (raw/_truth.json); on imported data it says there is no truth.
Detection always covers all the data; the filters choose what is listed and counted.

Options:
  --lake DIR          lake folder with a published Gold layer; required
${FILTER_HELP}
  --limit N           list at most N anomalies and N flagged orders (largest first); default 20
  --json              print { truth, anomalies, fraud, elapsed_ms } as JSON
  -h, --help          this text

Example: npm run cli -- signals --lake /tmp/lake --json`;

export const signalsCommand: CliCommand = {
	name: 'signals',
	summary: 'anomalies and fraud flags on a lake’s Gold, with precision and recall against planted events',
	help: HELP,
	run
};

async function run(args: string[], io: CliIo): Promise<number> {
	const { values } = parseCommandOptions(args, {
		lake: { type: 'string' },
		...FILTER_OPTIONS,
		limit: { type: 'string' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.lake === undefined) throw new UsageError('--lake DIR is required.');
	const filters = filtersFromOptions(values);
	const limit = optionalNumber('--limit', values.limit, (v) => Number.isInteger(v) && v >= 0) ?? 20;

	const lake = await openNativeLake(values.lake, { threads: 1 });
	try {
		const { sql, manifest } = await publishedRun(lake);
		const progress = progressOf(io);
		const data = await computeSignals(
			sql,
			lake.store,
			manifest,
			detectionSteps(({ step, steps, label }) => {
				const line = `detecting: step ${step} of ${steps}, ${label}`;
				progress.update(line, line);
			})
		);
		progress.done();
		const anomalies = anomalyReport(data, filters);
		const fraud = fraudReport(data, filters);
		const json = {
			run_id: data.runId,
			filters,
			truth: data.truth,
			truth_note: anomalies.truthNote,
			anomalies: {
				found: anomalies.total,
				listed: anomalies.anomalies.length,
				by_type: anomalies.byType,
				evaluation: anomalies.evaluation,
				score_meanings: SCORE_MEANINGS,
				list: anomalies.anomalies.slice(0, limit)
			},
			fraud: {
				flag_score: FLAG_SCORE,
				scored: fraud.scored,
				flagged: fraud.flagged,
				flag_rate: fraud.flagRate,
				signals: fraud.signals.map(({ id, label, weight, fired, firedFlagged }) => ({
					id,
					label,
					weight,
					fired,
					fired_flagged: firedFlagged
				})),
				evaluation: fraud.evaluation,
				queue: fraud.queue.slice(0, limit)
			},
			elapsed_ms: data.elapsedMs
		};
		io.out(values.json ? JSON.stringify(json, null, '\t') : summary(json));
		return 0;
	} finally {
		await lake.sql.close();
	}
}

const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

function summary(json: {
	truth_note: string;
	anomalies: {
		found: number;
		listed: number;
		evaluation: ReturnType<typeof anomalyReport>['evaluation'];
		list: ReturnType<typeof anomalyReport>['anomalies'];
	};
	fraud: {
		scored: number;
		flagged: number;
		flag_rate: number | null;
		evaluation: ReturnType<typeof fraudReport>['evaluation'];
		queue: ReturnType<typeof fraudReport>['queue'];
	};
	elapsed_ms: number;
}): string {
	const { anomalies, fraud } = json;
	const lines = [
		`Anomalies: ${formatInt(anomalies.found)} found, ${formatInt(anomalies.listed)} under the filters. Fraud: ${formatInt(fraud.flagged)} of ${formatInt(fraud.scored)} web orders flagged (${share(fraud.flag_rate)}). ${formatInt(json.elapsed_ms)} ms.`,
		json.truth_note
	];
	if (anomalies.evaluation) {
		lines.push(
			'',
			...textTable([
				['Planted event', 'Planted', 'Found', 'Recall', 'Detections', 'Precision'],
				...anomalies.evaluation.types.map((t) => [
					PLANTED_EVENT_LABELS[t.type],
					String(t.observable),
					String(t.found),
					share(t.recall),
					String(t.detections),
					share(t.precision)
				])
			])
		);
	}
	if (fraud.evaluation) {
		const e = fraud.evaluation;
		lines.push(
			'',
			`Fraud: recall ${share(e.recall)} (${e.truePositives} of ${e.planted} planted orders), precision ${share(e.precision)}.`,
			...e.byPattern.map((p) => `  ${p.pattern}: ${p.found} of ${p.planted} (${share(p.recall)})`)
		);
	}
	if (anomalies.list.length > 0) {
		lines.push(
			'',
			'Largest anomalies:',
			...anomalies.list.map((a) => `  ${formatMoney(a.impact)}  ${a.reason}`)
		);
	}
	if (fraud.queue.length > 0) {
		lines.push(
			'',
			'Review queue:',
			...fraud.queue.map(
				(o) => `  ${o.score}  ${o.orderId}  ${o.customerId}  ${o.ts}  ${o.signals.join(', ')}`
			)
		);
	}
	return lines.join('\n');
}
