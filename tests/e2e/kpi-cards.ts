import type { DashboardPage, DashboardReports } from '../../src/lib/analytics/reports';

/** Where each page's KPI card takes its number from in the page's report (`cli report --json`). */
const CARD_SOURCES: { [P in DashboardPage]: Record<string, (report: DashboardReports[P]) => number | null> } =
	{
		overview: {
			revenue: (r) => r.cards.current.revenue,
			orders: (r) => r.cards.current.orders,
			customers: (r) => r.cards.current.customers,
			aov: (r) => r.cards.current.aov,
			units: (r) => r.cards.current.units,
			grossMarginPct: (r) => r.cards.current.grossMarginPct
		},
		sales: {
			revenue: (r) => r.cards.current.revenue,
			orders: (r) => r.cards.current.orders,
			aov: (r) => r.cards.current.aov,
			units: (r) => r.cards.current.units,
			unitsPerOrder: (r) => r.cards.current.unitsPerOrder,
			grossMarginPct: (r) => r.cards.current.grossMarginPct,
			festivalUplift: (r) => r.festival.uplift
		},
		inventory: {
			turnover: (r) => r.totals.turnover,
			daysOfSupply: (r) => r.totals.daysOfSupply,
			stockoutRate: (r) => r.totals.stockoutRate,
			sellThrough: (r) => r.totals.sellThrough,
			avgStockValue: (r) => r.totals.avgStockValue,
			alertCount: (r) => r.alertCount
		},
		logistics: {
			shipments: (r) => r.totals.shipments,
			delivered: (r) => r.totals.delivered,
			onTimeRate: (r) => r.totals.onTimeRate,
			avgDeliveryDays: (r) => r.totals.avgDeliveryDays,
			medianDeliveryDays: (r) => r.totals.medianDeliveryDays,
			p90DeliveryDays: (r) => r.totals.p90DeliveryDays
		},
		customers: {
			customers: (r) => r.repeat.customers,
			repeatCustomers: (r) => r.repeat.repeatCustomers,
			repeatRate: (r) => r.repeat.rate,
			clvP50: (r) => r.clv.thresholds?.p50 ?? null,
			clvP90: (r) => r.clv.thresholds?.p90 ?? null,
			movers: (r) => r.movers.total
		}
	};

/** Each KPI card's expected raw number (`data-value`) on a dashboard, from that page's report; null: no value. */
export function expectedCards<P extends DashboardPage>(
	dashboard: P,
	report: DashboardReports[P]
): Record<string, number | null> {
	const sources = CARD_SOURCES[dashboard] as Record<string, (r: DashboardReports[P]) => number | null>;
	return Object.fromEntries(Object.entries(sources).map(([kpi, source]) => [kpi, source(report)]));
}
