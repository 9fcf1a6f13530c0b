import type { SqlEngine } from '../sql/sql-engine';
import {
	overviewReport,
	salesReport,
	type OverviewReport,
	type SalesReport,
	type TrendGrain
} from './commercial';
import { customersReport, type CustomersReport } from './customers';
import type { KpiFilters } from './filters';
import { inventoryReport, type InventoryReport } from './inventory';
import { logisticsReport, type LogisticsReport } from './logistics';

/** Every dashboard page's KPIs, one module per page; the pages and `cli report` both read them from here. */

export const DASHBOARD_PAGES = ['overview', 'sales', 'inventory', 'logistics', 'customers'] as const;
export type DashboardPage = (typeof DASHBOARD_PAGES)[number];

export interface DashboardReports {
	overview: OverviewReport;
	sales: SalesReport;
	inventory: InventoryReport;
	logistics: LogisticsReport;
	customers: CustomersReport;
}

export interface ReportOptions {
	/** The revenue trend's period; DEFAULT_TREND_GRAIN by default. */
	grain?: TrendGrain;
}

export const DEFAULT_TREND_GRAIN: TrendGrain = 'month';

export function isDashboardPage(value: string): value is DashboardPage {
	return (DASHBOARD_PAGES as readonly string[]).includes(value);
}

export function pageReport<P extends DashboardPage>(
	sql: SqlEngine,
	page: P,
	filters: KpiFilters,
	options: ReportOptions = {}
): Promise<DashboardReports[P]> {
	const grain = options.grain ?? DEFAULT_TREND_GRAIN;
	const reports: { [K in DashboardPage]: () => Promise<DashboardReports[K]> } = {
		overview: () => overviewReport(sql, filters, { grain }),
		sales: () => salesReport(sql, filters, { grain }),
		inventory: () => inventoryReport(sql, filters),
		logistics: () => logisticsReport(sql, filters),
		customers: () => customersReport(sql, filters)
	};
	return reports[page]() as Promise<DashboardReports[P]>;
}
