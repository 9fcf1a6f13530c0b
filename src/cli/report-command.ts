import type { TrendGrain } from '../lib/analytics/commercial';
import {
	DASHBOARD_PAGES,
	isDashboardPage,
	pageReport,
	type DashboardPage,
	type DashboardReports
} from '../lib/analytics/reports';
import { formatMoney, formatInt } from '../lib/format/number';
import { parseCommandOptions, UsageError, type CliCommand, type CliIo } from './command';
import { FILTER_HELP, FILTER_OPTIONS, filtersFromOptions } from './filter-options';
import { openNativeLake, publishedRun } from './native-lake';

const GRAINS: readonly TrendGrain[] = ['day', 'week', 'month'];

const HELP = `Usage: npm run cli -- report --lake DIR [options]

Prints every dashboard page's KPIs over the lake's published Gold tables, computed by the same queries as
the app's pages (native DuckDB instead of DuckDB-WASM). Run "pipeline --lake DIR" first.

Options:
  --lake DIR          lake folder with a published Gold layer; required
${FILTER_HELP}
  --page NAME         only this page: ${DASHBOARD_PAGES.join(', ')}; repeatable; default: all
  --grain day|week|month   the revenue trend's period; default: month
  --json              print the reports as JSON (one object keyed by page)
  -h, --help          this text

Example: npm run cli -- report --lake /tmp/lake --from 2024-10-01 --to 2024-12-31 --channel web --json`;

export const reportCommand: CliCommand = {
	name: 'report',
	summary: "print the dashboards' KPIs over a lake's Gold tables, with the pages' filters",
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
	const filters = filtersFromOptions(values);
	const pages = toPages(values.page);
	const grain = toGrain(values.grain);

	const lake = await openNativeLake(values.lake, { threads: 1 });
	try {
		const { sql: goldSql } = await publishedRun(lake);
		const reports: Partial<DashboardReports> = {};
		for (const page of pages) {
			Object.assign(reports, { [page]: await pageReport(goldSql, page, filters, { grain }) });
		}
		io.out(values.json ? JSON.stringify({ filters, grain, pages: reports }, null, '\t') : summary(reports));
		return 0;
	} catch (error) {
		if ((error as Error | null)?.name !== 'LakeCorruptError') throw error;
		io.err(
			`${(error as Error).message}\n\nTo repair it: npm run cli -- pipeline --lake ${values.lake} --rollback ` +
				`(the previous version), or --rebuild (from the raw files).`
		);
		return 1;
	} finally {
		await lake.sql.close();
	}
}

/** The overview's cards as text; every other figure is in the JSON. */
function summary(reports: Partial<DashboardReports>): string {
	const lines = [`Computed: ${Object.keys(reports).join(', ')}. Use --json for every figure.`];
	const cards = reports.overview?.cards;
	if (cards) {
		const { current, previous } = cards;
		const row = (label: string, now: number | null, before: number | null | undefined, money = false) => {
			const show = (value: number | null | undefined) =>
				value === null || value === undefined ? '—' : money ? formatMoney(value) : formatInt(value);
			return `  ${label.padEnd(16)} ${show(now).padStart(14)}${previous ? `   (previous period ${show(before)})` : ''}`;
		};
		lines.push(
			'',
			'Overview',
			row('Revenue', current.revenue, previous?.revenue, true),
			row('Orders', current.orders, previous?.orders),
			row('Customers', current.customers, previous?.customers),
			row('AOV', current.aov, previous?.aov, true),
			row('Units', current.units, previous?.units),
			`  ${'Gross margin'.padEnd(16)} ${(current.grossMarginPct === null ? '—' : `${current.grossMarginPct} %`).padStart(14)}`
		);
	}
	return lines.join('\n');
}

function toPages(names: string[] | undefined): DashboardPage[] {
	if (!names?.length) return [...DASHBOARD_PAGES];
	for (const name of names) {
		if (!isDashboardPage(name))
			throw new UsageError(`--page must be one of ${DASHBOARD_PAGES.join(', ')}, got "${name}".`);
	}
	return names as DashboardPage[];
}

function toGrain(text: string | undefined): TrendGrain {
	if (text === undefined) return 'month';
	if (!(GRAINS as readonly string[]).includes(text))
		throw new UsageError(`--grain must be one of ${GRAINS.join(', ')}, got "${text}".`);
	return text as TrendGrain;
}

function parseOptions(args: string[]) {
	return parseCommandOptions(args, {
		lake: { type: 'string' },
		...FILTER_OPTIONS,
		page: { type: 'string', multiple: true },
		grain: { type: 'string' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
}
