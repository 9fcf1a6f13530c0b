import { resolve } from 'node:path';
import { formatBytes } from '../lib/format/bytes';
import { formatMs } from '../lib/format/duration';
import { formatInt } from '../lib/format/number';
import { DEFAULT_GENERATOR_CONFIG, SCALE_PRESETS, type GeneratorConfig } from '../lib/generate/config';
import { generateRaw } from '../lib/generate/generate-raw';
import { RAW_DATASETS } from '../lib/contracts/raw-contracts';
import { TRUTH_PATH } from '../lib/generate/raw-datasets';
import { NodeLakeStore } from '../lib/lake/node-lake-store';
import { parseCommandOptions, UsageError, type CliCommand, type CliIo } from './command';

const defaults = DEFAULT_GENERATOR_CONFIG;
const presets = Object.entries(SCALE_PRESETS)
	.map(([name, lines]) => `${name} = ${formatInt(lines)}`)
	.join(', ');

const HELP = `Usage: npm run cli -- generate [options]

Generates a synthetic retail lake's raw layer (POS sales, web orders, inventory, shipments, products,
stores, monthly CRM customer extracts, with injected defects) into DIR/raw/, plus DIR/raw/_truth.json,
which records what was injected and planted. Same options, same bytes.

Options:
  --lines N         target POS + web sales lines, or a preset (${presets}); default ${defaults.salesLines}
  --seed S          random seed, 0 … 4294967295; default ${defaults.seed}
  --from DATE       first day, YYYY-MM-DD; default ${defaults.from}
  --to DATE         last day, YYYY-MM-DD; default ${defaults.to}
  --defect-rate R   share of rows with an injected defect, 0 … 0.1; default ${defaults.defectRate}
  --out DIR         lake folder to write into (created if missing); required
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

	const root = resolve(values.out);
	const store = new NodeLakeStore(root);
	await store.cleanTempFiles();
	const controller = new AbortController();
	const cancel = () => controller.abort();
	process.once('SIGINT', cancel);
	let reported = 0;
	try {
		const summary = await generateRaw(config, store, {
			signal: controller.signal,
			onProgress: ({ fraction, linesWritten }) => {
				if (fraction < 1 && fraction - reported < 0.1) return;
				reported = fraction;
				io.err(`  ${Math.round(fraction * 100)} %  ${formatInt(linesWritten)} rows`);
			}
		});
		const { truth } = summary;
		const seconds = summary.elapsedMs / 1000;
		const salesLines = truth.sales.posLines + truth.sales.webLines;
		io.out(`Generated batch ${summary.batchId} into ${root}/raw in ${formatMs(summary.elapsedMs)}`);
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
