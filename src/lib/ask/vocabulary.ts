/**
 * The words "Ask the data" understands: the product's own vocabulary of metrics, breakdowns, channels and
 * time, plus the cities, categories and festivals found in the data. Matching is on normalised words
 * (lowercase, `&` read as "and", punctuation dropped), longest phrase first.
 */

export const METRICS = [
	'revenue',
	'orders',
	'units',
	'customers',
	'aov',
	'margin',
	'units_per_order',
	'stockouts',
	'reorder',
	'on_time',
	'delivery_days',
	'anomalies',
	'fraud'
] as const;
export type Metric = (typeof METRICS)[number];

export const DIMENSIONS = [
	'category',
	'city',
	'channel',
	'product',
	'store',
	'state',
	'region',
	'weekday',
	'carrier'
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Grain = 'day' | 'week' | 'month';

export const METRIC_LABELS: Record<Metric, string> = {
	revenue: 'Revenue',
	orders: 'Orders',
	units: 'Units sold',
	customers: 'Customers',
	aov: 'Average order value',
	margin: 'Gross margin',
	units_per_order: 'Units per order',
	stockouts: 'Stockout rate',
	reorder: 'Reorder alerts',
	on_time: 'On-time rate',
	delivery_days: 'Average delivery days',
	anomalies: 'Anomalies',
	fraud: 'Orders flagged for review'
};

export const DIMENSION_LABELS: Record<Dimension, string> = {
	category: 'Category',
	city: 'City',
	channel: 'Channel',
	product: 'Product',
	store: 'Store',
	state: 'State',
	region: 'Region',
	weekday: 'Weekday',
	carrier: 'Carrier'
};

/** What a recognised phrase means. */
export type Meaning =
	| { kind: 'metric'; metric: Metric }
	| { kind: 'dimension'; dimension: Dimension }
	| { kind: 'grain'; grain: Grain }
	| { kind: 'trend' }
	| { kind: 'channel'; channel: 'pos' | 'web' }
	| { kind: 'city'; city: string }
	| { kind: 'category'; category: string }
	| { kind: 'rank'; order: 'desc' | 'asc' }
	| { kind: 'best_selling' }
	| { kind: 'compare' };

/** Phrases of the product's vocabulary (words separated by spaces, normalised). */
export const PHRASES: readonly [string, Meaning][] = [
	...(
		[
			['revenue', ['revenue', 'sales', 'turnover', 'gmv', 'takings', 'income', 'sales value', 'money']],
			[
				'orders',
				['orders', 'order', 'transactions', 'invoices', 'baskets', 'order count', 'number of orders']
			],
			[
				'units',
				['units', 'unit', 'quantity', 'pieces', 'units sold', 'items sold', 'how many items', 'volume']
			],
			['customers', ['customers', 'customer', 'buyers', 'shoppers', 'clients', 'number of customers']],
			[
				'aov',
				['aov', 'average order value', 'avg order value', 'order value', 'basket value', 'average basket']
			],
			['margin', ['gross margin', 'margin', 'profit margin', 'profitability']],
			['units_per_order', ['units per order', 'items per order', 'basket size']],
			[
				'stockouts',
				['stockouts', 'stockout', 'stock outs', 'stock out', 'out of stock', 'stockout rate', 'stock-outs']
			],
			['reorder', ['reorder alerts', 'reorder', 'reorders', 'low stock', 'restock', 'to reorder']],
			[
				'on_time',
				['on-time rate', 'on time rate', 'on-time', 'on time', 'on-time delivery', 'late deliveries']
			],
			['delivery_days', ['delivery days', 'delivery time', 'shipping time', 'days to deliver', 'deliveries']],
			['anomalies', ['anomalies', 'anomaly', 'outliers', 'unusual days', 'unusual']],
			[
				'fraud',
				['fraud', 'fraudulent orders', 'suspicious orders', 'flagged orders', 'suspicious', 'flagged']
			]
		] as const
	).flatMap(([metric, words]) => words.map((w): [string, Meaning] => [w, { kind: 'metric', metric }])),
	...(
		[
			[
				'category',
				['by category', 'per category', 'categories', 'each category', 'category', 'category wise']
			],
			['city', ['by city', 'per city', 'cities', 'each city', 'city', 'city wise', 'where']],
			[
				'channel',
				['by channel', 'per channel', 'channels', 'channel', 'online vs in store', 'online vs offline']
			],
			['product', ['by product', 'per product', 'products', 'product', 'items', 'skus', 'sellers']],
			['store', ['by store', 'per store', 'stores', 'each store', 'store wise']],
			['state', ['by state', 'per state', 'states', 'state']],
			['region', ['by region', 'per region', 'regions', 'region']],
			['weekday', ['by weekday', 'per weekday', 'weekday', 'weekdays', 'day of week', 'day of the week']],
			['carrier', ['by carrier', 'per carrier', 'carriers', 'carrier', 'courier', 'couriers']]
		] as const
	).flatMap(([dimension, words]) =>
		words.map((w): [string, Meaning] => [w, { kind: 'dimension', dimension }])
	),
	...(
		[
			['day', ['by day', 'daily', 'per day', 'each day', 'day by day', 'day wise']],
			['week', ['by week', 'weekly', 'per week', 'each week', 'week by week', 'week wise']],
			['month', ['by month', 'monthly', 'per month', 'each month', 'month by month', 'month wise']]
		] as const
	).flatMap(([grain, words]) => words.map((w): [string, Meaning] => [w, { kind: 'grain', grain }])),
	...['trend', 'trends', 'over time', 'timeline', 'evolution', 'history'].map((w): [string, Meaning] => [
		w,
		{ kind: 'trend' }
	]),
	...['online', 'web', 'website', 'e-commerce', 'ecommerce', 'internet', 'app'].map(
		(w): [string, Meaning] => [w, { kind: 'channel', channel: 'web' }]
	),
	...[
		'in store',
		'in-store',
		'instore',
		'in stores',
		'offline',
		'pos',
		'walk-in',
		'shops',
		'retail stores'
	].map((w): [string, Meaning] => [w, { kind: 'channel', channel: 'pos' }]),
	...['top', 'best', 'most', 'highest', 'largest', 'biggest', 'leading'].map((w): [string, Meaning] => [
		w,
		{ kind: 'rank', order: 'desc' }
	]),
	...['bottom', 'worst', 'least', 'lowest', 'smallest', 'fewest', 'weakest'].map((w): [string, Meaning] => [
		w,
		{ kind: 'rank', order: 'asc' }
	]),
	...[
		'best selling',
		'best-selling',
		'bestselling',
		'best sellers',
		'bestsellers',
		'top selling',
		'top-selling'
	].map((w): [string, Meaning] => [w, { kind: 'best_selling' }]),
	...['vs previous period', 'compared', 'compare', 'versus', 'vs', 'change', 'growth', 'previous period'].map(
		(w): [string, Meaning] => [w, { kind: 'compare' }]
	)
];

/** Other names of cities and categories people use. */
export const CITY_ALIASES: Record<string, string> = {
	bengaluru: 'Bangalore',
	bombay: 'Mumbai',
	'new delhi': 'Delhi',
	calcutta: 'Kolkata',
	madras: 'Chennai',
	poona: 'Pune'
};

export const CATEGORY_ALIASES: Record<string, string> = {
	electronic: 'Electronics',
	gadgets: 'Electronics',
	book: 'Books',
	toy: 'Toys',
	grocery: 'Groceries',
	food: 'Groceries',
	clothes: 'Clothing',
	apparel: 'Clothing',
	fashion: 'Clothing',
	kitchen: 'Home & Kitchen',
	'home kitchen': 'Home & Kitchen',
	home: 'Home & Kitchen',
	sport: 'Sports',
	cosmetics: 'Beauty'
};

/** Words that carry no meaning of their own here. */
export const STOPWORDS = new Set(
	(
		'a an the of in for by per on at to from with and or is are was were be been being what whats which who ' +
		'how much many did do does we our us i me my you your show give list tell get see find please total ' +
		'all sold sell selling made make earn earned have had has there it its this that these those can could ' +
		'would what s number count value figure figures report breakdown split across each every during over ' +
		'so far up about amount per cent percent rate level numbers data us let lets just also vs'
	).split(' ')
);

/** One, two … twenty, for "top five". */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
	[
		'zero',
		'one',
		'two',
		'three',
		'four',
		'five',
		'six',
		'seven',
		'eight',
		'nine',
		'ten',
		'eleven',
		'twelve',
		'thirteen',
		'fourteen',
		'fifteen',
		'sixteen',
		'seventeen',
		'eighteen',
		'nineteen',
		'twenty'
	].map((word, i) => [word, i])
);

/** What the data adds to the vocabulary (read from Gold). */
export interface DataVocabulary {
	cities: string[];
	categories: string[];
	/** Festivals in the calendar of the data: name and day. */
	festivals: { name: string; date: string }[];
	/** First and last day with sales: "last 30 days" counts back from `dataEnd`. */
	dataStart: string;
	dataEnd: string;
}

/** Lowercase, `&` as "and", every other sign a space; dashes kept inside words and dates. */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.replace(/[’']/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9-]+/g, ' ')
		.replace(/(^|\s)-+|-+(\s|$)/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}
