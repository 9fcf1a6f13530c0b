import { describe, expect, it } from 'vitest';
import { parseQuestion, type Interpretation } from '../../../src/lib/ask/parse-question';
import type { DataVocabulary } from '../../../src/lib/ask/vocabulary';

/** The generator's cities, categories and a few festival days; data from 2023-01-01 to Wed 2025-12-31. */
const VOCABULARY: DataVocabulary = {
	cities: ['Ahmedabad', 'Bangalore', 'Chennai', 'Delhi', 'Hyderabad', 'Kolkata', 'Mumbai', 'Pune'],
	categories: ['Beauty', 'Books', 'Clothing', 'Electronics', 'Groceries', 'Home & Kitchen', 'Sports', 'Toys'],
	festivals: [
		{ name: 'Holi', date: '2025-03-14' },
		{ name: 'Diwali', date: '2024-11-01' },
		{ name: 'Diwali', date: '2025-10-21' }
	],
	dataStart: '2023-01-01',
	dataEnd: '2025-12-31'
};

type Expected = Partial<Omit<Interpretation, 'filters' | 'top'>> & {
	filters?: Interpretation['filters'];
	top?: Interpretation['top'];
};

/**
 * Questions and how they must be read. Date ranges are worked out by hand from the last day of data,
 * Wednesday 31 Dec 2025: the last 90 days start on 3 Oct (31 Dec − 89 days), last week is Mon 22 – Sun 28
 * Dec, last quarter is Q3 (1 Jul – 30 Sep).
 */
const TABLE: [string, Expected][] = [
	// The three examples.
	[
		'revenue in Pune last 90 days by category',
		{
			intent: 'breakdown',
			metric: 'revenue',
			dimension: 'category',
			filters: { city: 'Pune', from: '2025-10-03', to: '2025-12-31' }
		}
	],
	[
		'top 10 products by units in 2025',
		{
			intent: 'breakdown',
			metric: 'units',
			dimension: 'product',
			top: { n: 10, order: 'desc' },
			filters: { from: '2025-01-01', to: '2025-12-31' }
		}
	],
	['stockouts in Delhi', { intent: 'stock', metric: 'stockouts', filters: { city: 'Delhi' } }],
	// Single figures.
	['revenue', { intent: 'kpi', metric: 'revenue', filters: {} }],
	['total sales', { intent: 'kpi', metric: 'revenue', filters: {} }],
	['how many orders', { intent: 'kpi', metric: 'orders', filters: {} }],
	['number of customers in Mumbai', { intent: 'kpi', metric: 'customers', filters: { city: 'Mumbai' } }],
	['average order value online', { intent: 'kpi', metric: 'aov', filters: { channel: 'web' } }],
	['aov in store', { intent: 'kpi', metric: 'aov', filters: { channel: 'pos' } }],
	['gross margin for Electronics', { intent: 'kpi', metric: 'margin', filters: { category: 'Electronics' } }],
	['units per order', { intent: 'kpi', metric: 'units_per_order' }],
	['units sold in Toys', { intent: 'kpi', metric: 'units', filters: { category: 'Toys' } }],
	[
		'revenue last 30 days',
		{ intent: 'kpi', metric: 'revenue', filters: { from: '2025-12-02', to: '2025-12-31' } }
	],
	['revenue in the past 3 months', { metric: 'revenue', filters: { from: '2025-10-01', to: '2025-12-31' } }],
	['revenue last week', { filters: { from: '2025-12-22', to: '2025-12-28' } }],
	['revenue this month', { filters: { from: '2025-12-01', to: '2025-12-31' } }],
	['orders last month', { metric: 'orders', filters: { from: '2025-11-01', to: '2025-11-30' } }],
	['revenue last quarter', { filters: { from: '2025-07-01', to: '2025-09-30' } }],
	['revenue this year', { filters: { from: '2025-01-01', to: '2025-12-31' } }],
	['revenue last year', { filters: { from: '2024-01-01', to: '2024-12-31' } }],
	['revenue ytd', { filters: { from: '2025-01-01', to: '2025-12-31' } }],
	['revenue in Q4 2025', { filters: { from: '2025-10-01', to: '2025-12-31' } }],
	['revenue 2024 q2', { filters: { from: '2024-04-01', to: '2024-06-30' } }],
	['revenue in March 2024', { filters: { from: '2024-03-01', to: '2024-03-31' } }],
	['sales in sept 2023', { filters: { from: '2023-09-01', to: '2023-09-30' } }],
	['revenue in June', { filters: { from: '2025-06-01', to: '2025-06-30' } }],
	['revenue from 2024-01-01 to 2024-01-31', { filters: { from: '2024-01-01', to: '2024-01-31' } }],
	['revenue since 2025-07-01', { filters: { from: '2025-07-01', to: '2025-12-31' } }],
	['revenue on 2024-11-01', { filters: { from: '2024-11-01', to: '2024-11-01' } }],
	['revenue yesterday', { filters: { from: '2025-12-30', to: '2025-12-30' } }],
	['revenue on Diwali', { filters: { from: '2025-10-21', to: '2025-10-21' } }],
	['revenue on Diwali 2024', { filters: { from: '2024-11-01', to: '2024-11-01' } }],
	['orders during Holi', { metric: 'orders', filters: { from: '2025-03-14', to: '2025-03-14' } }],
	['revenue all time', { intent: 'kpi', filters: {} }],
	['revenue last 90 days vs previous period', { intent: 'kpi', compare: true }],
	// Places, channels, categories and their other names.
	['revenue in Bengaluru', { filters: { city: 'Bangalore' } }],
	['revenue in bombay', { filters: { city: 'Mumbai' } }],
	['orders in new delhi', { filters: { city: 'Delhi' } }],
	['sales of gadgets', { filters: { category: 'Electronics' } }],
	['home & kitchen revenue', { filters: { category: 'Home & Kitchen' } }],
	['home and kitchen revenue', { filters: { category: 'Home & Kitchen' } }],
	['web orders in Chennai', { metric: 'orders', filters: { channel: 'web', city: 'Chennai' } }],
	['offline revenue in Kolkata', { filters: { channel: 'pos', city: 'Kolkata' } }],
	// Breakdowns and rankings.
	['revenue by city', { intent: 'breakdown', dimension: 'city' }],
	['orders per channel', { intent: 'breakdown', metric: 'orders', dimension: 'channel' }],
	['revenue by store in Pune', { intent: 'breakdown', dimension: 'store', filters: { city: 'Pune' } }],
	['revenue by state', { intent: 'breakdown', dimension: 'state' }],
	['sales by region', { intent: 'breakdown', dimension: 'region' }],
	['orders by weekday', { intent: 'breakdown', metric: 'orders', dimension: 'weekday' }],
	['average order value by city in Q4 2025', { intent: 'breakdown', metric: 'aov', dimension: 'city' }],
	[
		'top 5 categories by revenue',
		{ intent: 'breakdown', dimension: 'category', top: { n: 5, order: 'desc' } }
	],
	['top five cities', { intent: 'breakdown', dimension: 'city', top: { n: 5, order: 'desc' } }],
	['bottom 3 products by revenue', { dimension: 'product', top: { n: 3, order: 'asc' } }],
	[
		'best selling products',
		{ intent: 'breakdown', metric: 'units', dimension: 'product', top: { n: 10, order: 'desc' } }
	],
	['worst stores by orders', { metric: 'orders', dimension: 'store', top: { n: 10, order: 'asc' } }],
	['top 500 products', { top: { n: 50, order: 'desc' } }],
	// Trends.
	[
		'online orders by month this year',
		{ intent: 'trend', metric: 'orders', grain: 'month', filters: { channel: 'web' } }
	],
	['daily revenue last 30 days', { intent: 'trend', grain: 'day' }],
	['weekly units in Pune', { intent: 'trend', metric: 'units', grain: 'week', filters: { city: 'Pune' } }],
	['revenue trend last 30 days', { intent: 'trend', grain: 'day' }],
	['revenue trend in 2024', { intent: 'trend', grain: 'month' }],
	['revenue over time last 3 months', { intent: 'trend', grain: 'week' }],
	// Stock, delivery, anomalies, fraud.
	[
		'out of stock in Electronics',
		{ intent: 'stock', metric: 'stockouts', filters: { category: 'Electronics' } }
	],
	['stockout rate by category', { intent: 'stock', metric: 'stockouts', dimension: 'category' }],
	['reorder alerts in Mumbai', { intent: 'stock', metric: 'reorder', filters: { city: 'Mumbai' } }],
	['low stock by store', { intent: 'stock', metric: 'reorder', dimension: 'store' }],
	['on-time rate by carrier', { intent: 'delivery', metric: 'on_time', dimension: 'carrier' }],
	['delivery time in Delhi', { intent: 'delivery', metric: 'delivery_days', filters: { city: 'Delhi' } }],
	['anomalies last 30 days', { intent: 'anomalies', metric: 'anomalies', filters: { from: '2025-12-02' } }],
	['unusual days in Pune', { intent: 'anomalies', filters: { city: 'Pune' } }],
	['flagged orders this month', { intent: 'fraud', metric: 'fraud', filters: { from: '2025-12-01' } }],
	['suspicious orders in Delhi', { intent: 'fraud', filters: { city: 'Delhi' } }],
	// Typos.
	['revenu in Pune', { metric: 'revenue', filters: { city: 'Pune' } }],
	['ordres by categroy', { metric: 'orders', dimension: 'category' }]
];

describe('parseQuestion: a table of questions and their reading', () => {
	it('has more than 60 questions', () => expect(TABLE.length).toBeGreaterThan(60));

	it.each(TABLE)('%s', (question, expected) => {
		const parsed = parseQuestion(question, VOCABULARY);
		expect(parsed.interpretation, parsed.notUnderstood.join('; ')).not.toBeNull();
		const { filters, ...rest } = expected;
		expect(parsed.interpretation).toMatchObject(rest);
		if (filters) {
			if (Object.keys(filters).length === 0) expect(parsed.interpretation!.filters).toEqual({});
			else expect(parsed.interpretation!.filters).toMatchObject(filters);
		}
	});
});

describe('parseQuestion: what it does not understand', () => {
	it('says so when nothing is recognised, with suggestions (regression: "meaning" was read as "leading", a ranking)', () => {
		const parsed = parseQuestion('what is the meaning of life', VOCABULARY);
		expect(parsed.interpretation).toBeNull();
		expect(parsed.notUnderstood).toEqual(['"meaning"', '"life"']);
		expect(parsed.suggestions.some((s) => s.startsWith('Try: '))).toBe(true);
	});

	it('answers what it can and lists the words it skipped', () => {
		const parsed = parseQuestion('revenue in Pune for unicorns', VOCABULARY);
		expect(parsed.interpretation).toMatchObject({ metric: 'revenue', filters: { city: 'Pune' } });
		expect(parsed.notUnderstood).toEqual(['"unicorns"']);
	});

	it('names typo corrections, a swap of two letters being one (regression: "ordres" was not understood)', () => {
		expect(parseQuestion('revenu in Pune', VOCABULARY).corrections).toEqual([
			{ word: 'revenu', as: 'revenue' }
		]);
	});

	it('uses the first of two cities and says so', () => {
		const parsed = parseQuestion('revenue in Pune and Delhi', VOCABULARY);
		expect(parsed.interpretation?.filters.city).toBe('Pune');
		expect(parsed.notUnderstood.join(' ')).toMatch(/Delhi: one city at a time/);
	});

	it('uses the first of two time ranges and says so', () => {
		const parsed = parseQuestion('revenue in 2024 and in 2025', VOCABULARY);
		expect(parsed.interpretation?.filters).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
		expect(parsed.notUnderstood.join(' ')).toMatch(/second time range/);
	});

	it('does not read a city it does not know', () => {
		const parsed = parseQuestion('revenue in Atlantis', VOCABULARY);
		expect(parsed.interpretation?.filters.city).toBeUndefined();
		expect(parsed.notUnderstood).toEqual(['"atlantis"']);
	});
});
