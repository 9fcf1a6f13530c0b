import type { Association } from './associations';
import type { Catalog } from './catalog';
import { AliasTable } from './deterministic-math';
import { Rng } from './rng';

/** Ten cities, five stores each (`STR-MUM-01` …), in formats that draw different traffic and stock different ranges. */
export interface City {
	index: number;
	name: string;
	state: string;
	region: 'North' | 'South' | 'East' | 'West';
	/** Three letters in store ids. */
	code: string;
	/** Relative size of the city's customer base. */
	weight: number;
	/** First three digits of the city's PIN codes. */
	pinPrefix: string;
	localities: readonly string[];
}

export const CITIES: readonly City[] = (
	[
		['Mumbai', 'Maharashtra', 'West', 1.4, '400', ['Andheri', 'Powai', 'Bandra', 'Thane', 'Borivali']],
		['Delhi', 'Delhi', 'North', 1.4, '110', ['Connaught Place', 'Saket', 'Dwarka', 'Rohini', 'Lajpat Nagar']],
		[
			'Bangalore',
			'Karnataka',
			'South',
			1.2,
			'560',
			['Koramangala', 'Whitefield', 'Indiranagar', 'Jayanagar', 'Hebbal']
		],
		['Chennai', 'Tamil Nadu', 'South', 1, '600', ['T. Nagar', 'Velachery', 'Anna Nagar', 'Adyar', 'OMR']],
		[
			'Hyderabad',
			'Telangana',
			'South',
			1,
			'500',
			['Banjara Hills', 'Gachibowli', 'Kukatpally', 'Secunderabad', 'Madhapur']
		],
		['Pune', 'Maharashtra', 'West', 0.8, '411', ['Kothrud', 'Hinjewadi', 'Viman Nagar', 'Aundh', 'Hadapsar']],
		[
			'Kolkata',
			'West Bengal',
			'East',
			0.9,
			'700',
			['Salt Lake', 'Park Street', 'New Town', 'Gariahat', 'Howrah']
		],
		[
			'Ahmedabad',
			'Gujarat',
			'West',
			0.7,
			'380',
			['Navrangpura', 'Satellite', 'Maninagar', 'Bopal', 'Vastrapur']
		],
		[
			'Jaipur',
			'Rajasthan',
			'North',
			0.6,
			'302',
			['Malviya Nagar', 'Vaishali Nagar', 'C-Scheme', 'Mansarovar', 'Raja Park']
		],
		[
			'Lucknow',
			'Uttar Pradesh',
			'North',
			0.5,
			'226',
			['Hazratganj', 'Gomti Nagar', 'Aliganj', 'Indira Nagar', 'Alambagh']
		]
	] as const
).map(([name, state, region, weight, pinPrefix, localities], index) => ({
	index,
	name,
	state,
	region,
	code: name.slice(0, 3).toUpperCase(),
	weight,
	pinPrefix,
	localities
}));

export type StoreFormat = 'Hypermarket' | 'Supermarket' | 'Mall Store' | 'Express';

interface FormatSpec {
	format: StoreFormat;
	/** Relative footfall. */
	traffic: number;
	/** Per category (catalog order), the chance the format stocks a product; 1 = the full range. */
	stocking: readonly number[];
}

/** Slot i of every city (store number i + 1). The hypermarket stocks everything and fulfils web orders. */
const SLOTS: readonly FormatSpec[] = [
	{ format: 'Hypermarket', traffic: 2.2, stocking: [1, 1, 1, 1, 1, 1, 1, 1] },
	{ format: 'Supermarket', traffic: 1.3, stocking: [0.1, 0.1, 0.95, 0.5, 0.7, 0.15, 0.15, 0.2] },
	{ format: 'Mall Store', traffic: 1, stocking: [0.5, 0.6, 0.1, 0.4, 0.6, 0.5, 0.5, 0.6] },
	{ format: 'Supermarket', traffic: 1.1, stocking: [0.1, 0.1, 0.95, 0.5, 0.7, 0.15, 0.15, 0.2] },
	{ format: 'Express', traffic: 0.6, stocking: [0.03, 0.03, 0.7, 0.1, 0.45, 0.03, 0.03, 0.03] }
];

export const STORES_PER_CITY = SLOTS.length;
/** Draws a slot by footfall. */
export const SLOTS_BY_TRAFFIC = new AliasTable(SLOTS.map((slot) => slot.traffic));
export const HYPERMARKET_SLOT = 0;

export interface Store {
	index: number;
	id: string;
	name: string;
	city: City;
	slot: number;
	format: StoreFormat;
	traffic: number;
	openedDay: number;
	/** Days from a replenishment order to its delivery, before random delays. */
	leadDays: number;
	/** Product indexes it stocks, ascending. */
	carried: readonly number[];
}

/** Stores by city then slot: `stores[city * STORES_PER_CITY + slot]`. */
export function buildStores(
	seed: number,
	catalog: Catalog,
	associations: readonly Association[],
	fromDay: number,
	toDay: number
): Store[] {
	const rng = Rng.stream(seed, 'stores');
	const stores: Store[] = [];
	for (const city of CITIES) {
		SLOTS.forEach(({ format, traffic, stocking }, slot) => {
			const stocked = new Set(
				catalog.products.filter((p) => rng.chance(stocking[p.categoryIndex])).map((p) => p.index)
			);
			for (const { antecedent, consequent } of associations)
				if (stocked.has(antecedent)) stocked.add(consequent);
			// A few non-hypermarket stores open during the range; their sales and stock start that day.
			const opensInRange = slot !== HYPERMARKET_SLOT && rng.chance(0.12);
			const openedDay = opensInRange
				? fromDay + rng.int(Math.max(1, Math.floor(((toDay - fromDay) * 2) / 3)))
				: fromDay - rng.intBetween(60, 4000);
			stores.push({
				index: stores.length,
				id: `STR-${city.code}-${String(slot + 1).padStart(2, '0')}`,
				name: `Retail Hub ${format} ${city.localities[slot]}`,
				city,
				slot,
				format,
				traffic,
				openedDay,
				leadDays: rng.intBetween(2, 5),
				carried: [...stocked].sort((a, b) => a - b)
			});
		});
	}
	return stores;
}
