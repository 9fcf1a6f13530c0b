import { openAsBlob } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RAW_DATASETS, type RawDataset } from '../lib/contracts/raw-contracts';
import { formatInt } from '../lib/format/number';
import { importFile, type ImportResult } from '../lib/import/import-file';
import { previewImport, type ImportPreview, type MappingChoice } from '../lib/import/import-preview';
import { ImportError } from '../lib/import/import-source';
import { readSavedMappings } from '../lib/import/saved-mappings';
import { formatMoment } from '../lib/format/date';
import { NodeLakeStore } from '../lib/lake/node-lake-store';
import type { DateOrder } from '../lib/import/value-text';
import { UsageError, type CliCommand, type CliIo } from './command';

const DATE_ORDERS: Record<string, DateOrder> = { ymd: 'ymd', iso: 'ymd', dmy: 'dmy', mdy: 'mdy' };

const HELP = `Usage: npm run cli -- import --lake DIR [options] FILE…

Imports files into the lake's Raw layer, streamed (never read whole): CSV, TSV, semicolon- or
pipe-separated text, NDJSON, a JSON array, Parquet, and any of them gzipped (.gz). Each file's dataset is
found from its columns (not its name), its values are converted to the raw contracts (dates to ISO, numbers
without currency symbols or thousands separators), and its rows are written to DIR/raw/<dataset>/<name>.ndjson.
A file whose data is in the lake already is skipped. Then run "pipeline --lake DIR": it ingests the new
files only. The original system's four exports (pos_sales.csv, web_orders.json, warehouse_inventory.csv,
shipments.csv), UCI Online Retail II and Shopify orders exports import as they are (built-in mappings,
picked from the header). A mapping you decide (--dataset, --map, --date-format, --decimal-comma) is saved
in the lake (DIR/import/mappings.json) and used again for the next file with the same header.

Options:
  --lake DIR             lake folder; required (created if missing)
  --dataset NAME         the files' dataset, when their columns do not say: ${RAW_DATASETS.join(', ')}
  --map COLUMN=SOURCE    map a contract column to a column of the file (repeatable); with --dataset
  --date-format ORDER    dmy (DD/MM/YYYY), mdy (MM/DD/YYYY) or ymd (ISO): required when the dates read both ways
  --decimal-comma        numbers are written 1.234,56 (found on its own when the file makes it plain)
  --ignore-saved-mapping leave aside the mapping saved for the file's header (decide it again)
  --replace              replace the raw file of the same name instead of adding a new batch
  --dry-run              only preview: what would be imported, and the rows that would be rejected
  --json                 print the results as JSON
  -h, --help             this text

Exit code: 0 when every file was imported (or was a duplicate); 3 when a file needs a decision
(--dataset, --map, --date-format) or could not be imported; 1 on an error.

Example: npm run cli -- import --lake /tmp/lake exports/pos_sales.csv exports/web_orders.json.gz`;

export const importCommand: CliCommand = {
	name: 'import',
	summary: 'import CSV/TSV/NDJSON/JSON/Parquet files (gzipped or not) into a lake folder’s Raw layer',
	help: HELP,
	run
};

export const EXIT_NEEDS_DECISION = 3;

async function run(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseOptions(args);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.lake === undefined) throw new UsageError('--lake DIR is required.');
	if (positionals.length === 0) throw new UsageError('Give at least one FILE to import.');
	const choice = mappingChoice(values);
	const store = new NodeLakeStore(resolve(values.lake));
	await store.cleanTempFiles();
	const saved = await readSavedMappings(store);

	const controller = new AbortController();
	const cancel = () => controller.abort();
	process.once('SIGINT', cancel);
	const results: (
		| ImportResult
		| { file: string; status: 'needs_decision' | 'error'; message: string; preview?: ImportPreview }
	)[] = [];
	try {
		for (const file of positionals) {
			const source = { name: basename(file), blob: await openAsBlob(resolve(file)) };
			try {
				const preview = await previewImport(source, choice, controller.signal, saved);
				if (values['dry-run'] || preview.needs.length > 0 || !preview.mapping) {
					results.push({
						file: source.name,
						status: 'needs_decision',
						message: preview.needs.join(' ') || 'Dry run: nothing written.',
						preview
					});
					if (!values.json) io.out(previewText(preview));
					continue;
				}
				const started = performance.now();
				const result = await importFile(store, source, preview.mapping, {
					signal: controller.signal,
					replace: values.replace ?? false,
					saveFor: preview.saveMapping ? preview.columns : undefined,
					onProgress: ({ rows, bytesRead, bytesTotal }) =>
						io.err(
							`  ${source.name}: ${formatInt(rows)} rows, ${Math.round((100 * bytesRead) / Math.max(1, bytesTotal))} %…`
						)
				});
				results.push(result);
				if (!values.json) {
					const seconds = (performance.now() - started) / 1000;
					const rate =
						result.rows_read > 0 ? ` (${formatInt(Math.round(result.rows_read / seconds))} rows/s)` : '';
					const how = originText(preview);
					io.out(
						`${source.name} → ${result.dataset}${how ? ` (${how})` : ''}: ${result.status}. ${result.message}${rate}`
					);
				}
			} catch (error) {
				if (!(error instanceof ImportError)) throw error;
				results.push({ file: source.name, status: 'error', message: error.message });
				if (!values.json) io.out(`${source.name}: not imported. ${error.message}`);
			}
		}
	} finally {
		process.off('SIGINT', cancel);
	}
	if (values.json) io.out(JSON.stringify(results, null, '\t'));
	else if (results.some((result) => result.status === 'imported')) {
		io.out(`\nNext: npm run cli -- pipeline --lake ${values.lake}`);
	}
	const ok = results.every((result) => result.status === 'imported' || result.status === 'duplicate');
	return ok || values['dry-run'] ? 0 : EXIT_NEEDS_DECISION;
}

function parseOptions(args: string[]) {
	try {
		return parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				lake: { type: 'string' },
				dataset: { type: 'string' },
				map: { type: 'string', multiple: true },
				'date-format': { type: 'string' },
				'decimal-comma': { type: 'boolean' },
				'ignore-saved-mapping': { type: 'boolean' },
				replace: { type: 'boolean' },
				'dry-run': { type: 'boolean' },
				json: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

function mappingChoice(values: ReturnType<typeof parseOptions>['values']): MappingChoice {
	const choice: MappingChoice = {};
	if (values.dataset !== undefined) {
		if (!(RAW_DATASETS as readonly string[]).includes(values.dataset)) {
			throw new UsageError(`--dataset must be one of ${RAW_DATASETS.join(', ')}, got "${values.dataset}".`);
		}
		choice.dataset = values.dataset as RawDataset;
	}
	if (values.map !== undefined) {
		if (choice.dataset === undefined) throw new UsageError('--map needs --dataset.');
		choice.columns = Object.fromEntries(
			values.map.map((pair) => {
				const at = pair.indexOf('=');
				if (at <= 0) throw new UsageError(`--map takes COLUMN=SOURCE, got "${pair}".`);
				return [pair.slice(0, at), pair.slice(at + 1)];
			})
		);
	}
	if (values['date-format'] !== undefined) {
		const order = DATE_ORDERS[values['date-format'].toLowerCase()];
		if (!order)
			throw new UsageError(`--date-format must be dmy, mdy or ymd, got "${values['date-format']}".`);
		choice.dateOrder = order;
	}
	if (values['decimal-comma']) choice.decimalComma = true;
	if (values['ignore-saved-mapping']) choice.ignoreSaved = true;
	return choice;
}

/** Where the mapping came from, in words (nothing for the contract's own names). */
function originText(preview: ImportPreview): string {
	switch (preview.origin?.kind) {
		case 'saved':
			return `using the mapping saved on ${formatMoment(preview.origin.savedAt)}`;
		case 'built-in':
			return `built-in mapping: ${preview.origin.label}`;
		case 'chosen':
			return preview.saveMapping ? 'mapping saved for the next file with this header' : '';
		default:
			return '';
	}
}

function previewText(preview: ImportPreview): string {
	const format =
		preview.format.kind === 'delimited'
			? `${JSON.stringify(preview.format.delimiter)}-separated text`
			: preview.format.kind;
	const lines = [
		`${preview.file}: ${format}${preview.gzip ? ' (gzipped)' : ''}, ${preview.encoding}, columns ${preview.columns.join(', ')}`,
		`  dataset: ${preview.mapping?.dataset ?? 'not detected'}${originText(preview) ? ` (${originText(preview)})` : ''}`
	];
	if (preview.mapping) {
		lines.push(
			`  mapping: ${Object.entries(preview.mapping.columns)
				.map(([column, source]) => (column === source ? column : `${column} ← ${source}`))
				.join(', ')}`
		);
	}
	const scope = preview.complete ? 'all' : 'the first';
	lines.push(
		`  ${scope} ${formatInt(preview.rowsRead)} rows read: ${formatInt(preview.rowsRejected)} would be rejected`
	);
	for (const problem of preview.problems.slice(0, 5))
		lines.push(`    row ${formatInt(problem.row)}: ${problem.reason}`);
	for (const need of preview.needs) lines.push(`  needs: ${need}`);
	return lines.join('\n');
}
