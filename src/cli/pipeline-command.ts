import { formatMs } from '../lib/format/duration';
import { formatInt } from '../lib/format/number';
import { runStatusLabel } from '../lib/format/run-status';
import type { RunLog } from '../lib/pipeline/types';
import { parseCommandOptions, UsageError, type CliCommand, type CliIo } from './command';
import { textTable } from './text-table';
import { openNativeLake } from './native-lake';

const HELP = `Usage: npm run cli -- pipeline --lake DIR [options]

Runs the Medallion pipeline over a lake folder on native DuckDB, the same code and SQL as the app:
ingests every raw file not ingested yet (DIR/raw/<dataset>/…) into Bronze, rebuilds Silver and Gold,
checks quality, and publishes Parquet files, DIR/_manifest.json, the run log DIR/_runs/<run_id>.json and
the quality report DIR/analytics/quality/<run_id>.json. An interrupted earlier run is finished or
cleaned up first. Ctrl-C cancels at the next step or file and leaves the published lake as it was.

Options:
  --lake DIR         lake folder (as written by "generate --out DIR"); required
  --threads N        DuckDB worker threads; default: one per core
  --allow-rejects    exit 0 even when raw files were rejected (whole, or most of their rows)
  --rebuild          rebuild the lake from its raw files, ignoring the current (perhaps damaged) version;
                     until the new version is committed the lake stays as it was
  --rollback         do not run: make the newest earlier version whose files are all intact the current
                     one again (after a damaged manifest or Parquet file)
  --json             print the run log as JSON instead of the summary
  -h, --help         this text

Exit code: 0 when the run succeeded; 3 when it published but raw files were rejected (whole, or at least
half of their rows: the run "succeeded with warnings"), unless --allow-rejects; 1 when it failed or was
cancelled.

Example: npm run cli -- pipeline --lake /tmp/lake --threads 1`;

export const pipelineCommand: CliCommand = {
	name: 'pipeline',
	summary: 'run the pipeline (raw → bronze → silver → gold, quality report) over a lake folder',
	help: HELP,
	run
};

async function run(args: string[], io: CliIo): Promise<number> {
	const { values } = parseOptions(args);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.lake === undefined) throw new UsageError('--lake DIR is required.');
	const threads = values.threads === undefined ? undefined : parseThreads(values.threads);
	if (values.rebuild && values.rollback) throw new UsageError('Give --rebuild or --rollback, not both.');

	const [{ runPipeline }, { rollBack }] = await Promise.all([
		import('../lib/pipeline/run/run-pipeline'),
		import('../lib/pipeline/run/lake-repair')
	]);
	const { root, store, codec, sql } = await openNativeLake(values.lake, { threads });
	const controller = new AbortController();
	const cancel = () => controller.abort();
	process.once('SIGINT', cancel);
	try {
		if (values.rollback) {
			const restored = await rollBack(store);
			io.out(
				`Rolled back: version ${restored.sequence} of ${root} publishes run ${restored.run_id} again ` +
					`(first published ${restored.published_at.slice(0, 10)}).`
			);
			return 0;
		}
		const log = await runPipeline(
			{ sql, store, codec },
			{
				signal: controller.signal,
				rebuild: values.rebuild ?? false,
				onProgress: ({ step, detail }) => io.err(`  ${step}${detail ? ` ${detail}` : ''}…`)
			}
		);
		const allowRejects = values['allow-rejects'] ?? false;
		io.out(values.json ? JSON.stringify(log, null, '\t') : summary(log, root, allowRejects));
		return exitCode(log, allowRejects);
	} catch (error) {
		if ((error as Error | null)?.name !== 'LakeCorruptError') throw error;
		io.err(
			`${(error as Error).message}\n\nTo repair it: npm run cli -- pipeline --lake ${values.lake} --rollback ` +
				`(the previous version), or --rebuild (from the raw files).`
		);
		return 1;
	} finally {
		process.off('SIGINT', cancel);
		await sql.close();
	}
}

/** Rejected raw files fail the command unless allowed: a script must not take a partial lake for a whole one. */
function exitCode(log: RunLog, allowRejects: boolean): number {
	if (log.status === 'succeeded') return 0;
	if (log.status === 'succeeded_with_warnings') return allowRejects ? 0 : EXIT_REJECTS;
	return 1;
}

const EXIT_REJECTS = 3;

function summary(log: RunLog, root: string, allowRejects: boolean): string {
	const took = log.finished_at ? Date.parse(log.finished_at) - Date.parse(log.started_at) : NaN;
	const status = runStatusLabel(log.status);
	const lines = [`Pipeline run ${log.run_id} ${status} in ${formatMs(took)} (${root})`, ''];
	const header = ['step', 'detail', 'rows in', 'rows out', 'rejected', 'time'];
	const rows = log.steps.map((s) => [
		s.step,
		s.detail ?? '',
		formatInt(s.rows_in),
		formatInt(s.rows_out),
		formatInt(s.rows_rejected),
		s.error ? 'failed' : formatMs(s.duration_ms)
	]);
	lines.push(...textTable([header, ...rows], 2));
	const skipped = log.ingestion.filter((file) => file.status === 'skipped').length;
	if (skipped) lines.push('', `${formatInt(skipped)} raw files were already ingested and were skipped.`);
	const warnings = log.warnings ?? [];
	const warned = new Set(warnings.map((warning) => warning.path));
	const noted = log.ingestion.filter((file) => file.message && !warned.has(file.path));
	if (noted.length) lines.push('', ...noted.map((file) => `${file.path} (${file.status}): ${file.message}`));
	if (warnings.length) {
		lines.push('', `Rejected raw files (${formatInt(warnings.length)}):`);
		lines.push(...warnings.map(({ path, message }) => `  ${path}: ${message}`));
		if (!allowRejects) {
			lines.push(
				'',
				`Exit code ${EXIT_REJECTS}: fix or remove the rejected files and run again, or pass --allow-rejects.`
			);
		}
	}
	if (log.quality) {
		const { quality_score, passed, total_checks, warnings } = log.quality.summary;
		lines.push(
			'',
			`Quality score: ${quality_score} % (${passed} of ${total_checks} checks passed, ` +
				`${warnings} warning${warnings === 1 ? '' : 's'})`
		);
	}
	return lines.join('\n');
}

function parseOptions(args: string[]) {
	return parseCommandOptions(args, {
		lake: { type: 'string' },
		threads: { type: 'string' },
		json: { type: 'boolean' },
		'allow-rejects': { type: 'boolean' },
		rebuild: { type: 'boolean' },
		rollback: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
}

function parseThreads(text: string): number {
	const threads = Number(text);
	if (!Number.isInteger(threads) || threads < 1) {
		throw new UsageError(`--threads needs a whole number of at least 1, got "${text}".`);
	}
	return threads;
}
