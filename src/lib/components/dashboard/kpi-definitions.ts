import type { ValueKind } from './kpi-format';

/** What a KPI card shows about its number: its name, how it reads, and what it means (docs/kpis.md). */
export interface KpiDefinition {
	label: string;
	kind: ValueKind;
	/** The definition, one or two sentences, shown in the card's detail view. */
	definition: string;
	/** Whether a rise is good news (colours the change); false for delays, stockouts and the like. */
	higherIsBetter?: boolean;
}

export const KPI_DEFINITIONS = {
	revenue: {
		label: 'Revenue',
		kind: 'money',
		definition: 'The sum of net amounts (after discounts) of every sales line matching the filters.'
	},
	orders: {
		label: 'Orders',
		kind: 'count',
		definition:
			'Distinct orders: a point-of-sale invoice or a web order, however many lines it has. A return is not an order.'
	},
	customers: {
		label: 'Customers',
		kind: 'count',
		definition:
			'Distinct customers by their natural customer id (not a version of their record), walk-in sales without a customer left out.'
	},
	aov: {
		label: 'Average order value',
		kind: 'money',
		definition: 'Revenue ÷ orders: what an order brings in on average.'
	},
	units: {
		label: 'Units sold',
		kind: 'count',
		definition: 'The sum of quantities over every sales line, net of returned units.'
	},
	returns: {
		label: 'Returns',
		kind: 'money',
		definition:
			'The amount of returned lines (negative quantities, such as cancelled invoices). Revenue and units are already net of them; a return is not an order.',
		higherIsBetter: false
	},
	unitsPerOrder: {
		label: 'Units per order',
		kind: 'decimal',
		definition: 'Units sold ÷ orders.'
	},
	grossMarginPct: {
		label: 'Gross margin',
		kind: 'percent',
		definition:
			'(Revenue − cost of goods sold) ÷ revenue, where the cost of goods sold is quantity × unit cost.'
	},
	festivalUplift: {
		label: 'Festival uplift',
		kind: 'fraction',
		definition:
			'Average daily revenue on festival days ÷ average daily revenue on other days − 1, festival days taken from the date dimension.'
	},
	repeatRate: {
		label: 'Repeat rate',
		kind: 'fraction',
		definition: 'Customers with two or more orders ÷ customers, over the sales matching the filters.'
	},
	repeatCustomers: {
		label: 'Repeat customers',
		kind: 'count',
		definition: 'Customers with two or more orders over the sales matching the filters.'
	},
	newCustomers: {
		label: 'New customers',
		kind: 'count',
		definition: 'Customers whose first order ever (across all of the data) falls in the period shown.'
	},
	movers: {
		label: 'Customers who moved',
		kind: 'count',
		definition:
			'Customers with two or more versions of their record (a change of city kept as history, SCD type 2).'
	},
	clvP50: {
		label: 'Median lifetime value',
		kind: 'money',
		definition:
			'The revenue of the middle customer over their whole history (p50); the Silver tier starts here.'
	},
	clvP90: {
		label: 'Top 10% lifetime value',
		kind: 'money',
		definition:
			'The lifetime revenue the top tenth of customers reach or pass (p90); the Platinum tier starts here.'
	},
	turnover: {
		label: 'Inventory turnover',
		kind: 'ratio',
		definition:
			'Cost of goods sold over the period ÷ average inventory value at cost over the same period, annualised.'
	},
	avgStockValue: {
		label: 'Average stock at cost',
		kind: 'money',
		definition: 'The value of the stock on hand at cost, averaged over the snapshot dates in the period.'
	},
	daysOfSupply: {
		label: 'Days of supply',
		kind: 'days',
		definition:
			'Average stock value at cost ÷ cost of goods sold per day: how many days the stock lasts at the period’s sales rate.',
		higherIsBetter: false
	},
	stockoutRate: {
		label: 'Stockout rate',
		kind: 'fraction',
		definition: 'Store × product × snapshot rows with nothing on hand ÷ all such rows.',
		higherIsBetter: false
	},
	sellThrough: {
		label: 'Sell-through',
		kind: 'fraction',
		definition: 'Units sold ÷ (units sold + units on hand on the last snapshot of the period).'
	},
	alertCount: {
		label: 'Reorder alerts',
		kind: 'count',
		definition: 'Rows of the latest inventory snapshot with stock on hand at or below the reorder level.',
		higherIsBetter: false
	},
	alertCost: {
		label: 'Cost to reorder',
		kind: 'money',
		definition: 'Suggested order quantity × unit cost, summed over every reorder alert.',
		higherIsBetter: false
	},
	shipments: {
		label: 'Shipments',
		kind: 'count',
		definition: 'Shipments of web orders matching the filters, whatever their status.'
	},
	delivered: {
		label: 'Delivered',
		kind: 'count',
		definition: 'Shipments with the status delivered.'
	},
	avgDeliveryDays: {
		label: 'Average delivery time',
		kind: 'days',
		definition: 'Mean days from shipping to delivery, over delivered shipments.',
		higherIsBetter: false
	},
	medianDeliveryDays: {
		label: 'Median delivery time',
		kind: 'days',
		definition: 'The middle delivery time (p50) of delivered shipments.',
		higherIsBetter: false
	},
	p90DeliveryDays: {
		label: '90th percentile delivery time',
		kind: 'days',
		definition: 'Nine in ten delivered shipments arrive within this many days (p90).',
		higherIsBetter: false
	},
	onTimeRate: {
		label: 'On-time rate',
		kind: 'fraction',
		definition: 'Delivered shipments that arrived on or before the promised date ÷ delivered shipments.'
	}
} as const satisfies Record<string, KpiDefinition>;

export type KpiKey = keyof typeof KPI_DEFINITIONS;
