import type { SqlEngine } from '../sql/sql-engine';
import lifetimeValueSql from './customers/lifetime-value.sql?raw';
import newVsReturningSql from './customers/new-vs-returning.sql?raw';
import repeatCustomersSql from './customers/repeat-customers.sql?raw';
import rfmScoresSql from './customers/rfm-scores.sql?raw';
import { salesConditions, type KpiFilters } from './filters';
import { rfmSegment } from './rfm-segments';
import { kpiRows } from './run-kpi';
import { ratio, round2, toNumber } from './values';

/** Customers page: KPIs over natural customer ids, UNKNOWN left out (ANALYTICS.md §2, Customers). */

export interface MonthCustomers {
	/** YYYY-MM. */
	month: string;
	/** Customers whose first order ever falls in this month. */
	newCustomers: number;
	returningCustomers: number;
}

/** Per month of the filtered sales; "first order ever" looks at all of Gold, whatever the filters. */
export async function newVsReturning(sql: SqlEngine, filters: KpiFilters): Promise<MonthCustomers[]> {
	const rows = await kpiRows(sql, newVsReturningSql, { sales: salesConditions(filters, 'f') });
	return rows.map((row) => ({
		month: String(row.month),
		newCustomers: toNumber(row.new_customers),
		returningCustomers: toNumber(row.returning_customers)
	}));
}

export interface RepeatRate {
	customers: number;
	repeatCustomers: number;
	/** Customers with two or more orders ÷ customers, 0–1; null without customers. */
	rate: number | null;
}

export async function repeatRate(sql: SqlEngine, filters: KpiFilters): Promise<RepeatRate> {
	const [row] = await kpiRows(sql, repeatCustomersSql, { sales: salesConditions(filters, 'f') });
	const customers = toNumber(row.customers);
	const repeatCustomers = toNumber(row.repeat_customers);
	return { customers, repeatCustomers, rate: ratio(repeatCustomers, customers) };
}

/**
 * CLV and RFM look at each customer's whole history, so only the channel and category filters apply:
 * a date range would cut the history, and a city would cut off a mover's sales from before the move.
 */
function historyFilters({ channel, category }: KpiFilters): KpiFilters {
	return { channel, category };
}

export type ClvTier = 'Platinum' | 'Gold' | 'Silver' | 'Bronze';

export interface CustomerValue {
	customerId: string;
	orders: number;
	revenue: number;
	margin: number;
	tier: ClvTier;
}

export interface LifetimeValue {
	/** Revenue cut-offs of the tiers (Silver ≥ p50, Gold ≥ p75, Platinum ≥ p90); null without customers. */
	thresholds: { p50: number; p75: number; p90: number } | null;
	/** Every customer, by revenue, largest first. */
	customers: CustomerValue[];
}

export async function lifetimeValue(sql: SqlEngine, filters: KpiFilters): Promise<LifetimeValue> {
	const rows = await kpiRows(sql, lifetimeValueSql, { sales: salesConditions(historyFilters(filters), 'f') });
	const [first] = rows;
	return {
		thresholds: first
			? {
					p50: round2(toNumber(first.p50)),
					p75: round2(toNumber(first.p75)),
					p90: round2(toNumber(first.p90))
				}
			: null,
		customers: rows.map((row) => ({
			customerId: String(row.customer_id),
			orders: toNumber(row.orders),
			revenue: round2(toNumber(row.revenue)),
			margin: round2(toNumber(row.margin)),
			tier: row.tier as ClvTier
		}))
	};
}

export interface CustomerRfm {
	customerId: string;
	recencyDays: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: string;
}

/** RFM of every customer as of the last sales day in Gold, by customer id. */
export async function rfm(sql: SqlEngine, filters: KpiFilters): Promise<CustomerRfm[]> {
	const rows = await kpiRows(sql, rfmScoresSql, { sales: salesConditions(historyFilters(filters), 'f') });
	return rows.map((row) => {
		const [r, f, m] = [toNumber(row.r), toNumber(row.f), toNumber(row.m)];
		return {
			customerId: String(row.customer_id),
			recencyDays: toNumber(row.recency_days),
			frequency: toNumber(row.frequency),
			monetary: round2(toNumber(row.monetary)),
			r,
			f,
			m,
			segment: rfmSegment(r, f, m)
		};
	});
}
