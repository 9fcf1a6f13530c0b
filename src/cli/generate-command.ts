import { resolve } from 'node:path';
import { formatBytes } from '../lib/format/bytes';
import { formatMs } from '../lib/format/duration';
import { formatInt } from '../lib/format/number';
import {
	DEFAULT_GENERATOR_CONFIG,
	resolveGeneratorConfig,
	SCALE_PRESETS,
	type GeneratorConfig
} from '../lib/generate/config';
import { generateRaw } from '../lib/generate/generate-raw';
import { RAW_DATASETS } from '../lib/contracts/raw-contracts';
import { rawFileCount, type GenerateMode } from '../lib/generate/lake-batches';
import { TRUTH_PATH } from '../lib/generate/raw-datasets';
import { NodeLakeStore } from '../lib/lake/node-lake-store';
import { settlePendingBatch } from '../lib/lake/pending-batch';
import { parseCommandOptions, progressOf, UsageError, type CliCommand, type CliIo } from './command';

const defaults = DEFAULT_GENERATOR_CONFIG;
const presets = Object.entries(SCALE_PRESETS)
	.map(([name, lines]) => `${name} = ${formatInt(lines)}`)
	.join(', ');

const HELP = `Usage: npm run cli -- generate [options]

Generates a synthetic retail lake's raw layer (POS sales, web orders, inventory, shipments, products,
stores, monthly CRM customer extracts, with injected defects) into DIR/raw/, plus DIR/raw/_truth.json,
which records what was injected and planted. Same options, same bytes.

Into a lake that already has raw files, say what to do with them: --replace removes them once the new
batch has landed (the next pipeline run's Gold is the new data only), --add keeps them and adds the new
batch beside them. A batch never takes another's name: gen-s<seed>-<from>-<to>, then -2, -3, …

Options:
  --lines N         target POS + web sales lines, or a preset (${presets}); default ${defaults.salesLines}
  --seed S          random seed, 0 … 4294967295; default ${defaults.seed}
  --from DATE       first day, YYYY-MM-DD; default ${defaults.from}
  --to DATE         last day, YYYY-MM-DD; default ${defaults.to}
  --defect-rate R   share of rows with an injected defect, 0 … 0.1; default ${defaults.defectRate}
  --out DIR         lake folder to write into (created if missing); required
  --replace         replace the lake's raw files with the new batch
  --add             add the new batch beside the lake's raw files
  -h, --help        this text

Example: npm run cli -- generate --lines 1m --seed 42 --out /tmp/lake`;

export const generateCommand: CliCommand = {
	name: 'generate',
	summary: 'generate synthetic raw data (all datasets + ground truth) into a lake folder',
	help: HELP,
	run
};

async function run(args: string[], io: CliIo): Promise<number> {
	const { values } = parseOptions(args);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.out === undefined) throw new UsageError('--out DIR is required.');
	const config: Partial<GeneratorConfig> = {};
	if (values.lines !== undefined) config.salesLines = parseLines(values.lines);
	if (values.seed !== undefined) config.seed = parseNumber('--seed', values.seed);
	if (values.from !== undefined) config.from = values.from;
	if (values.to !== undefined) config.to = values.to;
	if (values['defect-rate'] !== undefined)
		config.defectRate = parseNumber('--defect-rate', values['defect-rate']);

	if (values.replace && values.add) throw new UsageError('Give --replace or --add, not both.');
	resolveGeneratorConfig(config); // a mistake in the settings is reported before the lake is looked at
	const root = resolve(values.out);
	const store = new NodeLakeStore(root);
	await store.cleanTempFiles();
	await settlePendingBatch(store);
	const existing = await rawFileCount(store);
	if (existing > 0 && !values.replace && !values.add) {
		throw new UsageError(
			`${root} already holds ${formatInt(existing)} raw file${existing === 1 ? '' : 's'}: pass --replace to ` +
				`replace them with the new batch, or --add to add it beside them.`
		);
	}
	const mode: GenerateMode = values.replace ? 'replace' : 'add';
	const controller = new AbortController();
	const cancel = () => controller.abort();
	process.once('SIGINT', cancel);
	const progress = progressOf(io);
	try {
		const summary = await generateRaw(config, store, {
			mode,
			signal: controller.signal,
			onProgress: ({ fraction, linesWritten }) => {
				const quarter = Math.floor(fraction * 4) * 25;
				progress.update(
					`  ${Math.round(fraction * 100)} %  ${formatInt(linesWritten)} rows`,
					quarter > 0 ? `  ${quarter} %` : null
				);
			}
		});
		progress.done();
		const { truth } = summary;
		const seconds = summary.elapsedMs / 1000;
		const salesLines = truth.sales.posLines + truth.sales.webLines;
		io.out(`Generated batch ${summary.batchId} into ${root}/raw in ${formatMs(summary.elapsedMs)}`);
		if (summary.filesReplaced > 0) {
			io.out(`  replaced the lake's data: ${formatInt(summary.filesReplaced)} earlier raw files removed`);
		}
		for (const dataset of RAW_DATASETS) {
			const file = truth.files[dataset];
			io.out(
				`  ${dataset.padEnd(11)} ${formatInt(file.rows).padStart(12)} rows  ${formatBytes(file.bytes).padStart(9)}`
			);
		}
		io.out(
			`  ${'total'.padEnd(11)} ${formatInt(summary.linesWritten).padStart(12)} rows  ` +
				`${formatBytes(summary.bytesWritten).padStart(9)}`
		);
		io.out(
			`  ${formatInt(Math.round(summary.linesWritten / seconds))} rows/s, ` +
				`${formatInt(Math.round(salesLines / seconds))} sales lines/s`
		);
		io.out(`Ground truth: ${root}/${TRUTH_PATH}`);
		return 0;
	} finally {
		progress.done();
		process.off('SIGINT', cancel);
	}
}

function parseOptions(args: string[]) {
	return parseCommandOptions(args, {
		lines: { type: 'string' },
		seed: { type: 'string' },
		from: { type: 'string' },
		to: { type: 'string' },
		'defect-rate': { type: 'string' },
		out: { type: 'string' },
		replace: { type: 'boolean' },
		add: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
}

function parseLines(text: string): number {
	if (text in SCALE_PRESETS) return SCALE_PRESETS[text as keyof typeof SCALE_PRESETS];
	return parseNumber('--lines', text.replaceAll('_', ''));
}

function parseNumber(option: string, text: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value))
		throw new UsageError(`${option} needs a number, got "${text}".`);
	return value;
}
