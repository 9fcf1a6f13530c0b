import { categorySales, kpiCards, type SalesTotals } from '../analytics/commercial';
import { previousPeriod, type KpiFilters } from '../analytics/filters';
import { inventoryReport } from '../analytics/inventory';
import { addDays } from '../filters/url-filters';
import type { ForecastEvaluation } from '../forecast/forecast-result';
import { formatDay, formatDayRange } from '../format/date';
import { formatMoney, formatInt } from '../format/number';
import { anomalyMatches, fraudReport } from '../signals/signals-reports';
import type { SignalsData } from '../signals/signals-data';
import type { SqlEngine } from '../sql/sql-engine';

/**
 * The Overview's executive summary: 3–5 sentences computed from the data and worded from fixed templates
 * (no language model). Each cites the figure it quotes: a page of `cli report` and the field under the same
 * filters, an anomaly or the fraud counts of `cli signals`, or the saved forecast; and links to the page
 * that shows it, with the filters set.
 */
export type InsightId = 'change' | 'category' | 'anomaly' | 'stockout' | 'forecast' | 'fraud';

export type InsightSource =
	/** `cli report --page <page>` with `filters`; `field` is a path into that page's report. */
	| { kind: 'report'; page: 'overview' | 'sales' | 'inventory'; filters: KpiFilters; field: string }
	/** `cli signals` with `filters`: an anomaly's field, or a fraud figure. */
	| { kind: 'signals'; filters: KpiFilters; field: string }
	/** The saved forecast's evaluation (`analytics/forecast/<run_id>/evaluation.json`). */
	| { kind: 'forecast'; runId: string; field: string };

export interface Insight {
	id: InsightId;
	title: string;
	/** The sentence, every number in it from the data. */
	text: string;
	/** The headline number, exactly as the cited figure. */
	value: number;
	format: 'money' | 'count' | 'percent';
	source: InsightSource;
	/** The page that shows it, with these filters (and search params) in its URL. */
	link: { path: '/' | '/sales' | '/inventory' | '/anomalies' | '/fraud' | '/forecast'; filters: KpiFilters };
}

export interface ExecutiveSummary {
	/** The period the insights cover (the filters' dates; the last 30 days of data for a missing start or end) and the one before. */
	period: { from: string; to: string };
	previous: { from: string; to: string };
	insights: Insight[];
}

/** Days summarised when the filters set no dates. */
export const DEFAULT_PERIOD_DAYS = 30;

type CardKey = 'revenue' | 'orders' | 'customers' | 'units' | 'aov';
const CARD_NAMES: Record<CardKey, string> = {
	revenue: 'Revenue',
	orders: 'Orders',
	customers: 'Customers',
	units: 'Units sold',
	aov: 'Average order value'
};
const MONEY_CARDS = new Set<CardKey>(['revenue', 'aov']);

function show(key: CardKey, value: number): string {
	return MONEY_CARDS.has(key) ? formatMoney(value) : formatInt(value);
}

function percent(change: number): string {
	return `${Math.abs(change * 100).toFixed(1)} %`;
}

/** The summary under the Overview's filters; `dataEnd` is the last day with sales. */
export async function executiveSummary(
	sql: SqlEngine,
	filters: KpiFilters,
	dataEnd: string,
	signals: SignalsData,
	forecast: { evaluation: ForecastEvaluation; stale: boolean } | null
): Promise<ExecutiveSummary> {
	const to = filters.to ?? dataEnd;
	const period = { ...filters, from: filters.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
	const before = previousPeriod(period)!;
	const range = { from: period.from!, to: period.to! };
	const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
	const insights: Insight[] = [];

	const cards = await kpiCards(sql, period);
	const change = largestChange(cards.current, cards.previous);
	if (change) {
		const { key, now, then } = change;
		const ratio = then === 0 ? null : now / then - 1;
		insights.push({
			id: 'change',
			title: 'Largest change against the previous period',
			text:
				ratio === null
					? `${CARD_NAMES[key]} in ${formatDayRange(range.from, range.to)}: ${show(key, now)}, with none in the ${days} days before.`
					: `${CARD_NAMES[key]} ${ratio >= 0 ? 'rose' : 'fell'} ${percent(ratio)} in ${formatDayRange(range.from, range.to)}: ${show(key, now)} against ${show(key, then)} in the ${days} days before.`,
			value: now,
			format: MONEY_CARDS.has(key) ? 'money' : 'count',
			source: { kind: 'report', page: 'overview', filters: period, field: `cards.current.${key}` },
			link: { path: '/', filters: period }
		});
	}

	if (filters.category === undefined) {
		const [now, then] = await Promise.all([categorySales(sql, period), categorySales(sql, before)]);
		// Products without a category are no category that moved, and no filter can pick them out.
		const moves = now.flatMap(({ category, revenue }) =>
			category === null
				? []
				: [{ category, now: revenue, then: then.find((p) => p.category === category)?.revenue ?? 0 }]
		);
		const top = moves.sort(
			(a, b) => Math.abs(b.now - b.then) - Math.abs(a.now - a.then) || a.category.localeCompare(b.category)
		)[0];
		if (top) {
			const ratio = top.then === 0 ? null : top.now / top.then - 1;
			insights.push({
				id: 'category',
				title: 'The category that moved most',
				text: `${top.category} moved revenue most: ${formatMoney(top.now)} against ${formatMoney(top.then)}${ratio === null ? '' : ` (${ratio >= 0 ? '+' : '−'}${percent(ratio)})`}.`,
				value: top.now,
				format: 'money',
				source: {
					kind: 'report',
					page: 'sales',
					filters: period,
					field: `categories[category=${top.category}].revenue`
				},
				link: { path: '/sales', filters: { ...period, category: top.category } }
			});
		}
	}

	// Flagged quantity spikes are data defects: left out of the headline unless the filters keep them.
	const candidates = signals.detected.anomalies.filter(
		(a) => filters.spikes !== 'exclude' || a.type !== 'quantity_spike'
	);
	const recent = candidates.filter((a) => anomalyMatches(a, period));
	const anomaly =
		recent[0] ?? candidates.find((a) => anomalyMatches(a, { ...period, from: undefined, to: undefined }));
	if (anomaly) {
		const inPeriod = recent.length > 0;
		insights.push({
			id: 'anomaly',
			title: inPeriod ? 'The largest anomaly in the period' : 'The latest large anomaly',
			text: `${inPeriod ? '' : 'None in the period; the largest in the data: '}${anomaly.reason}`,
			value: anomaly.impact,
			format: 'money',
			source: {
				kind: 'signals',
				filters: inPeriod ? period : { ...period, from: undefined, to: undefined },
				field: `anomalies[id=${anomaly.id}].impact`
			},
			link: {
				path: '/anomalies',
				filters: inPeriod ? period : { ...period, from: anomaly.from, to: anomaly.to }
			}
		});
	}

	const stock = await inventoryReport(sql, period);
	if (stock.period.lastSnapshot !== null) {
		insights.push({
			id: 'stockout',
			title: 'Stockout risk',
			text: `${formatInt(stock.alertCount)} ${stock.alertCount === 1 ? 'shelf is' : 'shelves are'} at or below the reorder level in the latest stock count (${formatDay(stock.period.lastSnapshot)}); refilling ${stock.alertCount === 1 ? 'it' : 'them'} costs ${formatMoney(stock.alertCost)}.`,
			value: stock.alertCount,
			format: 'count',
			source: { kind: 'report', page: 'inventory', filters: period, field: 'alertCount' },
			link: { path: '/inventory', filters: period }
		});
	}

	const total = forecast?.evaluation.series.find((s) => s.name === 'Total');
	if (forecast && total && total.growth.pct !== null) {
		const pct = total.growth.pct;
		insights.push({
			id: 'forecast',
			title: 'Expected growth',
			text: `The demand forecast expects units to ${pct >= 0 ? 'rise' : 'fall'} ${Math.abs(pct).toFixed(1)} % over the next 28 days (${formatInt(total.growth.next28)} against ${formatInt(total.growth.last28)} in the last 28)${forecast.stale ? ', trained on an earlier run of the data' : ''}.`,
			value: pct,
			format: 'percent',
			source: { kind: 'forecast', runId: forecast.evaluation.runId, field: 'series[name=Total].growth.pct' },
			link: { path: '/forecast', filters: {} }
		});
	} else {
		const { scored, flagged } = fraudReport(signals, period);
		if (scored > 0) {
			insights.push({
				id: 'fraud',
				title: 'Orders to review',
				text: `${formatInt(flagged)} of ${formatInt(scored)} web orders in the period ${flagged === 1 ? 'is' : 'are'} flagged for review (${((flagged / scored) * 100).toFixed(2)} %).`,
				value: flagged,
				format: 'count',
				source: { kind: 'signals', filters: period, field: 'fraud.flagged' },
				link: { path: '/fraud', filters: period }
			});
		}
	}
	return { period: range, previous: { from: before.from!, to: before.to! }, insights: insights.slice(0, 5) };
}

/** The KPI card whose value moved most against the previous period, relatively. */
function largestChange(
	current: SalesTotals,
	previous: SalesTotals | null
): { key: CardKey; now: number; then: number } | null {
	if (!previous) return null;
	let best: { key: CardKey; now: number; then: number; size: number } | null = null;
	for (const key of Object.keys(CARD_NAMES) as CardKey[]) {
		const now = current[key];
		const then = previous[key];
		if (now === null || then === null) continue;
		const size = then === 0 ? (now === 0 ? 0 : Infinity) : Math.abs(now / then - 1);
		if (!best || size > best.size) best = { key, now, then, size };
	}
	return best;
}
