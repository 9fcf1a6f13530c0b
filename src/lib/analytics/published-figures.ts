import type { SqlEngine } from '../sql/sql-engine';
import { kpiFilters } from './filters';
import {
	DEFAULT_TREND_GRAIN,
	pageReport,
	type DashboardPage,
	type DashboardReports,
	type ReportOptions
} from './reports';

/**
 * The dashboards' figures for the default view (no filters, flagged spikes left out, the trend by month),
 * computed by the pipeline when it publishes and stored with the Gold version (docs/pipeline.md,
 * "Published figures"), so a first visit shows them before the engine has started.
 */

/** The pages whose default figures a run publishes. */
export const PUBLISHED_FIGURE_PAGES = ['overview'] as const satisfies readonly DashboardPage[];
type FigurePage = (typeof PUBLISHED_FIGURE_PAGES)[number];

export interface PublishedFigures {
	/** The run whose Gold the figures were computed on. */
	run_id: string;
	reports: { [P in FigurePage]: DashboardReports[P] };
}

/** Each published page's report for the default view, with the code the dashboards run: `pageReport`. */
export async function defaultReports(sql: SqlEngine): Promise<PublishedFigures['reports']> {
	const reports: Partial<PublishedFigures['reports']> = {};
	for (const page of PUBLISHED_FIGURE_PAGES) reports[page] = await pageReport(sql, page, kpiFilters({}));
	return reports as PublishedFigures['reports'];
}

/**
 * The published report for `page`, when the view asked for is the default one (`filters`, the URL's filters
 * as a query string, is empty; the trend by month) and the figures are `runId`'s; null otherwise.
 */
export function publishedReport<T>(
	figures: PublishedFigures | null,
	runId: string,
	page: string,
	filters: string,
	options: ReportOptions
): T | null {
	if (!figures || figures.run_id !== runId || filters !== '') return null;
	if ((options.grain ?? DEFAULT_TREND_GRAIN) !== DEFAULT_TREND_GRAIN) return null;
	return ((figures.reports as Partial<Record<string, unknown>>)[page] ?? null) as T | null;
}
