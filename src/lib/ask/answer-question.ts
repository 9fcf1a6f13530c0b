import { dashboardFilters, previousPeriod, salesConditions, type KpiFilters } from '../analytics/filters';
import { stockConditions } from '../analytics/inventory';
import { shipmentConditions } from '../analytics/logistics';
import { toNumber } from '../analytics/values';
import type { DashboardFilters } from '../filters/url-filters';
import { formatDayRange } from '../format/date';
import { formatMoney, formatInt } from '../format/number';
import { anomalyReport, fraudReport } from '../signals/signals-reports';
import type { SignalsData } from '../signals/signals-data';
import type { SqlEngine } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';
import { parseQuestion, type Interpretation } from './parse-question';
import deliverySql from './sql/delivery.sql?raw';
import reorderAlertsSql from './sql/reorder-alerts.sql?raw';
import salesMeasureSql from './sql/sales-measure.sql?raw';
import stockoutRateSql from './sql/stockout-rate.sql?raw';
import {
	DIMENSION_LABELS,
	METRIC_LABELS,
	type DataVocabulary,
	type Dimension,
	type Metric
} from './vocabulary';

/** How a value reads: rupees, a count, a share (0–1), a percentage, days. */
export type ValueFormat = 'money' | 'count' | 'fraction' | 'percent' | 'days' | 'decimal';

export interface AnswerRow {
	label: string;
	value: number | null;
}

export type AnswerResult =
	| { kind: 'number'; value: number | null; format: ValueFormat; previous?: number | null }
	| { kind: 'table'; chart: 'bar' | 'line'; dimension: string; format: ValueFormat; rows: AnswerRow[] };

export interface Answer {
	question: string;
	/** Null when nothing was understood. */
	interpretation: Interpretation | null;
	/** The answer in one sentence; what was not understood otherwise. */
	summary: string;
	result: AnswerResult | null;
	/** The SQL that ran (the last statement, when there were two). */
	sql: string | null;
	/** The page that shows it, with the question's filters set. */
	link: {
		path: '/' | '/sales' | '/inventory' | '/logistics' | '/anomalies' | '/fraud';
		filters: DashboardFilters;
		params?: Record<string, string>;
		label: string;
	} | null;
	corrections: { word: string; as: string }[];
	notUnderstood: string[];
	suggestions: string[];
	elapsedMs: number;
}

/** Distinct orders among the lines, as the KPI cards count them: a return is not an order. */
const ORDERS = 'count(DISTINCT f.order_id) FILTER (WHERE NOT f.is_return)';

const MEASURES: Partial<Record<Metric, { sql: string; format: ValueFormat }>> = {
	revenue: { sql: 'CAST(coalesce(sum(f.net_amount), 0) AS DOUBLE)', format: 'money' },
	orders: { sql: `CAST(${ORDERS} AS DOUBLE)`, format: 'count' },
	units: { sql: 'CAST(coalesce(sum(f.quantity), 0) AS DOUBLE)', format: 'count' },
	customers: {
		sql: "CAST(count(DISTINCT f.customer_id) FILTER (WHERE f.customer_id <> 'UNKNOWN') AS DOUBLE)",
		format: 'count'
	},
	aov: { sql: `CAST(sum(f.net_amount) AS DOUBLE) / nullif(${ORDERS}, 0)`, format: 'money' },
	margin: {
		sql: 'CAST(sum(f.net_amount) - sum(f.cost_amount) AS DOUBLE) / nullif(CAST(sum(f.net_amount) AS DOUBLE), 0) * 100',
		format: 'percent'
	},
	units_per_order: {
		sql: `CAST(sum(f.quantity) AS DOUBLE) / nullif(${ORDERS}, 0)`,
		format: 'decimal'
	}
};

/** A breakdown's label on a sales line (f, product p, store s), and its sort key when not the label. */
const SALES_LABELS: Partial<Record<Dimension, { label: string; group: string; tie: string }>> = {
	category: { label: 'p.category', group: 'p.category', tie: 'p.category' },
	city: { label: 'f.city', group: 'f.city', tie: 'f.city' },
	channel: {
		label: "CASE f.channel WHEN 'pos' THEN 'In store' ELSE 'Online' END",
		group: 'f.channel',
		tie: 'f.channel'
	},
	product: { label: 'p.product_name', group: 'p.product_id, p.product_name', tie: 'p.product_id' },
	store: {
		label: "s.store_name || ' (' || s.store_id || ')'",
		group: 's.store_id, s.store_name',
		tie: 's.store_id'
	},
	state: { label: "coalesce(s.state, 'Online')", group: 's.state', tie: 's.state' },
	region: { label: "coalesce(s.region, 'Online')", group: 's.region', tie: 's.region' },
	weekday: { label: 'dayname(f.ts)', group: 'isodow(f.ts), dayname(f.ts)', tie: 'isodow(f.ts)' }
};

function orderLimit(interpretation: Interpretation, group: string, tie: string): string {
	const { top, dimension } = interpretation;
	if (dimension === 'weekday' && !top) return `GROUP BY ${group} ORDER BY ${tie}`;
	const direction = top?.order === 'asc' ? 'ASC' : 'DESC';
	return `GROUP BY ${group} ORDER BY value ${direction} NULLS LAST, ${tie} LIMIT ${top?.n ?? 50}`;
}

/** The question's filters with flagged quantity spikes left out, as on every page. */
function lineFilters(filters: KpiFilters): KpiFilters {
	return { ...filters, spikes: 'exclude' };
}

/** The SQL that answers a commercial question. */
export function salesSql(interpretation: Interpretation): string {
	const measure = MEASURES[interpretation.metric]!;
	const where = salesConditions(lineFilters(interpretation.filters), 'f');
	if (interpretation.intent === 'trend') {
		const period = `CAST(date_trunc('${interpretation.grain}', CAST(f.ts AS DATE)) AS DATE)`;
		return fillSql(salesMeasureSql, {
			label: `strftime(${period}, '%Y-%m-%d')`,
			measure: measure.sql,
			where,
			group_order_limit: `GROUP BY ${period} ORDER BY ${period}`
		});
	}
	if (interpretation.intent === 'breakdown' && interpretation.dimension) {
		const spec = SALES_LABELS[interpretation.dimension] ?? SALES_LABELS.product!;
		return fillSql(salesMeasureSql, {
			label: spec.label,
			measure: measure.sql,
			where,
			group_order_limit: orderLimit(interpretation, spec.group, spec.tie)
		});
	}
	return fillSql(salesMeasureSql, { label: 'NULL', measure: measure.sql, where, group_order_limit: '' });
}

const STOCK_LABELS: Partial<Record<Dimension, { label: string; group: string; tie: string }>> = {
	category: { label: 'p.category', group: 'p.category', tie: 'p.category' },
	product: { label: 'p.product_name', group: 'p.product_id, p.product_name', tie: 'p.product_id' },
	store: {
		label: "st.store_name || ' (' || st.store_id || ')'",
		group: 'st.store_id, st.store_name',
		tie: 'st.store_id'
	},
	city: { label: 'st.city', group: 'st.city', tie: 'st.city' }
};

export function stockSql(interpretation: Interpretation): string {
	const template = interpretation.metric === 'reorder' ? reorderAlertsSql : stockoutRateSql;
	const where = stockConditions(interpretation.filters, 'i');
	const spec = interpretation.dimension ? STOCK_LABELS[interpretation.dimension] : undefined;
	return fillSql(template, {
		label: spec?.label ?? 'NULL',
		where,
		group_order_limit: spec ? orderLimit(interpretation, spec.group, spec.tie) : ''
	});
}

export function shipmentSql(interpretation: Interpretation): string {
	const measure =
		interpretation.metric === 'on_time'
			? "CAST(count(*) FILTER (WHERE s.status = 'delivered' AND s.delivery_days - s.promised_days <= 0) AS DOUBLE) / nullif(count(s.delivery_days - s.promised_days) FILTER (WHERE s.status = 'delivered'), 0)"
			: "CAST(avg(s.delivery_days) FILTER (WHERE s.status = 'delivered') AS DOUBLE)";
	const byCarrier = interpretation.dimension === 'carrier';
	const byCity = interpretation.dimension === 'city';
	const label = byCarrier
		? "coalesce(s.carrier, '(none)')"
		: byCity
			? "coalesce(s.destination_city, '(none)')"
			: 'NULL';
	return fillSql(deliverySql, {
		label,
		measure,
		where: shipmentConditions(interpretation.filters, 's'),
		group_order_limit:
			byCarrier || byCity
				? `GROUP BY 1 ORDER BY value ${interpretation.metric === 'on_time' ? 'DESC' : 'ASC'} NULLS LAST, 1`
				: ''
	});
}

/** Where each intent's figures are on the dashboards. */
function linkFor(interpretation: Interpretation): Answer['link'] {
	const filters = dashboardFilters(lineFilters(interpretation.filters));
	const { intent, metric } = interpretation;
	if (intent === 'anomalies') return { path: '/anomalies', filters, label: 'Open Anomalies' };
	if (intent === 'fraud') return { path: '/fraud', filters, label: 'Open the Fraud monitor' };
	if (intent === 'stock') return { path: '/inventory', filters, label: 'Open Inventory' };
	if (intent === 'delivery') return { path: '/logistics', filters, label: 'Open Logistics' };
	if (intent === 'trend') {
		const params: Record<string, string> =
			interpretation.grain === 'month' ? {} : { grain: interpretation.grain! };
		return { path: '/sales', filters, params, label: 'Open Sales' };
	}
	if (intent === 'kpi' && metric !== 'units_per_order')
		return { path: '/', filters, label: 'Open the Overview' };
	return { path: '/sales', filters, label: 'Open Sales' };
}

/** `city` → `cities`, `store` → `stores`. */
function plural(noun: string): string {
	return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function formatValue(value: number | null, format: ValueFormat): string {
	if (value === null) return '—';
	switch (format) {
		case 'money':
			return formatMoney(value);
		case 'count':
			return formatInt(value);
		case 'fraction':
			return `${(value * 100).toFixed(1)} %`;
		case 'percent':
			return `${value.toFixed(1)} %`;
		case 'days':
			return `${value.toFixed(1)} days`;
		case 'decimal':
			return value.toFixed(2);
	}
}

/** Where and when, for the sentence: " in Pune, online, Electronics, the last 90 days (3 Oct – 31 Dec 2025)". */
function scope(interpretation: Interpretation): string {
	const { filters, timeLabel } = interpretation;
	const parts: string[] = [];
	if (filters.city) parts.push(`in ${filters.city}`);
	if (filters.channel) parts.push(filters.channel === 'web' ? 'online' : 'in store');
	if (filters.category) parts.push(`in ${filters.category}`);
	if (filters.from && filters.to) {
		const span = formatDayRange(filters.from, filters.to);
		parts.push(timeLabel && !timeLabel.includes(filters.from) ? `${timeLabel} (${span})` : span);
	} else parts.push('over all the data');
	return parts.join(', ');
}

function rows(result: { rows: Record<string, unknown>[] }): AnswerRow[] {
	return result.rows.map((row) => ({
		label: row.label === null ? '(none)' : String(row.label),
		value: row.value === null ? null : toNumber(row.value as number)
	}));
}

/**
 * Answers a question on the published Gold (and the signals computed on it, for anomalies and fraud):
 * a number, a breakdown or a trend, the SQL that ran, and the dashboard that shows it.
 */
export async function answerQuestion(
	sql: SqlEngine,
	question: string,
	vocabulary: DataVocabulary,
	signals: () => Promise<SignalsData>
): Promise<Answer> {
	const started = Date.now();
	const parsed = parseQuestion(question, vocabulary);
	const base = {
		question,
		interpretation: parsed.interpretation,
		corrections: parsed.corrections,
		notUnderstood: parsed.notUnderstood,
		suggestions: parsed.suggestions
	};
	const interpretation = parsed.interpretation;
	if (!interpretation) {
		return {
			...base,
			summary: 'No measure, breakdown, place or time was recognised in the question.',
			result: null,
			sql: null,
			link: null,
			elapsedMs: Date.now() - started
		};
	}
	const { metric, intent } = interpretation;
	const label = METRIC_LABELS[metric];
	const where = scope(interpretation);
	const done = (summary: string, result: AnswerResult | null, text: string | null): Answer => ({
		...base,
		summary,
		result,
		sql: text,
		link: linkFor(interpretation),
		elapsedMs: Date.now() - started
	});

	if (intent === 'anomalies' || intent === 'fraud') {
		const data = await signals();
		if (intent === 'anomalies') {
			const report = anomalyReport(data, interpretation.filters);
			return done(
				`${formatInt(report.anomalies.length)} ${report.anomalies.length === 1 ? 'anomaly' : 'anomalies'} ${where}${report.anomalies[0] ? `; the largest: ${report.anomalies[0].reason}` : '.'}`,
				{
					kind: 'table',
					chart: 'bar',
					dimension: 'Anomaly',
					format: 'money',
					rows: report.anomalies
						.slice(0, interpretation.top?.n ?? 10)
						.map((a) => ({ label: a.reason, value: a.impact }))
				},
				null
			);
		}
		const report = fraudReport(data, interpretation.filters);
		return done(
			`${formatInt(report.flagged)} of ${formatInt(report.scored)} web orders flagged for review ${where} (${formatValue(report.flagRate, 'fraction')}).`,
			{
				kind: 'table',
				chart: 'bar',
				dimension: 'Order',
				format: 'count',
				rows: report.queue
					.slice(0, interpretation.top?.n ?? 10)
					.map((o) => ({ label: `${o.orderId} (${o.customerId}, ${o.ts.slice(0, 10)})`, value: o.score }))
			},
			null
		);
	}

	if (intent === 'stock' || intent === 'delivery') {
		const text = intent === 'stock' ? stockSql(interpretation) : shipmentSql(interpretation);
		const result = await sql.query(text);
		const format: ValueFormat =
			metric === 'reorder' ? 'count' : metric === 'delivery_days' ? 'days' : 'fraction';
		if (result.rows.length === 1 && result.rows[0].label === null) {
			const value = result.rows[0].value === null ? null : toNumber(result.rows[0].value);
			const extra =
				metric === 'reorder' ? `; refilling them costs ${formatMoney(toNumber(result.rows[0].cost))}` : '';
			return done(
				`${label} ${where}: ${formatValue(value, format)}${extra}.`,
				{ kind: 'number', value, format },
				text
			);
		}
		const answerRows = rows(result);
		const dimension = interpretation.dimension ? DIMENSION_LABELS[interpretation.dimension] : '';
		return done(
			`${label} by ${dimension.toLowerCase()} ${where}${answerRows[0] ? `: ${answerRows[0].label} ${interpretation.top?.order === 'asc' ? 'lowest' : 'highest'} at ${formatValue(answerRows[0].value, format)}` : ''}.`,
			{ kind: 'table', chart: 'bar', dimension, format, rows: answerRows },
			text
		);
	}

	const measure = MEASURES[metric]!;
	const text = salesSql(interpretation);
	const result = await sql.query(text);
	if (intent === 'kpi') {
		const value = result.rows[0]?.value === null ? null : toNumber(result.rows[0]?.value ?? null);
		let previous: number | null | undefined;
		let compared = '';
		if (interpretation.compare && interpretation.filters.from && interpretation.filters.to) {
			const before = previousPeriod(interpretation.filters)!;
			const prior = await sql.query(salesSql({ ...interpretation, filters: before }));
			previous = prior.rows[0]?.value === null ? null : toNumber(prior.rows[0]?.value ?? null);
			if (previous !== null && value !== null && previous !== 0) {
				const change = value / previous - 1;
				compared = `, ${change >= 0 ? 'up' : 'down'} ${Math.abs(change * 100).toFixed(1)} % on the period before (${formatValue(previous, measure.format)})`;
			}
		}
		return done(
			`${label} ${where}: ${formatValue(value, measure.format)}${compared}.`,
			{ kind: 'number', value, format: measure.format, ...(previous !== undefined ? { previous } : {}) },
			text
		);
	}
	const answerRows = rows(result);
	if (intent === 'trend') {
		const peak = answerRows.reduce<AnswerRow | null>(
			(best, row) => (!best || (row.value ?? 0) > (best.value ?? 0) ? row : best),
			null
		);
		return done(
			`${label} per ${interpretation.grain} ${where}: ${formatInt(answerRows.length)} ${interpretation.grain}s${peak ? `, the highest ${formatValue(peak.value, measure.format)} (${peak.label})` : ''}.`,
			{
				kind: 'table',
				chart: 'line',
				dimension: interpretation.grain!,
				format: measure.format,
				rows: answerRows
			},
			text
		);
	}
	const dimension = DIMENSION_LABELS[interpretation.dimension ?? 'product'];
	const first = answerRows[0];
	const lead = first
		? `: ${first.label} ${interpretation.top?.order === 'asc' ? 'lowest' : 'highest'} at ${formatValue(first.value, measure.format)}`
		: ': none';
	const heading = interpretation.top
		? `${interpretation.top.order === 'asc' ? 'Bottom' : 'Top'} ${answerRows.length} ${answerRows.length === 1 ? dimension.toLowerCase() : plural(dimension.toLowerCase())} by ${label.toLowerCase()}`
		: `${label} by ${dimension.toLowerCase()}`;
	return done(
		`${heading}, ${where}${lead}.`,
		{ kind: 'table', chart: 'bar', dimension, format: measure.format, rows: answerRows },
		text
	);
}
