import { associationLookup, plantedAssociations, productAppeal, type Association } from './associations';
import { BasketPicker } from './basket';
import { buildCatalog, type Catalog } from './catalog';
import { batchIdOf, type GeneratorConfig } from './config';
import { buildCustomers, customerCountFor, type Customers } from './customers';
import { civilDate, daysInMonth, parseIsoDate, SECONDS_PER_DAY } from '../calendar/dates';
import { buildDemandModel, POS_MEAN_LINES, WEB_MEAN_LINES, type DemandModel } from './demand';
import { estimateDailyDemand, Inventory } from './inventory';
import { buildNamePools, NAME_POOL_SIZE, type NamePools } from './name-pools';
import { buildEventPlan, type EventPlan } from './planted-events';
import { buildRowFragments, DateFragments, type RowFragments } from './row-fragments';
import { buildStores, type Store } from './stores';

/** Everything a run generates from: built once from the config, before the first day. */
export interface RetailWorld {
	config: GeneratorConfig;
	batchId: string;
	fromDay: number;
	toDay: number;
	/** Last second of the range: no clean event happens after it. */
	referenceSecond: number;
	catalog: Catalog;
	/** Product popularity, planted antecedents boosted. */
	appeal: Float64Array;
	associations: readonly Association[];
	stores: readonly Store[];
	customers: Customers;
	names: NamePools;
	fragments: RowFragments;
	picker: BasketPicker;
	demand: DemandModel;
	inventory: Inventory;
	/** Days of the monthly CRM extracts (every month end in the range). */
	extractDays: Int32Array;
	/** Outages, price errors, category promotions and fraud planted for the detectors to find. */
	events: EventPlan;
}

export function buildWorld(config: GeneratorConfig): RetailWorld {
	const { seed } = config;
	const fromDay = parseIsoDate(config.from);
	const toDay = parseIsoDate(config.to);
	if (fromDay === null || toDay === null) throw new Error('buildWorld needs a validated config');
	const catalog = buildCatalog(seed);
	const associations = plantedAssociations(catalog);
	const appeal = productAppeal(catalog, associations);
	const stores = buildStores(seed, catalog, associations, fromDay, toDay);
	const extractDays = monthEnds(fromDay, toDay);
	const picker = new BasketPicker(
		catalog,
		appeal,
		stores,
		associationLookup(associations, catalog.products.length)
	);
	const demand = buildDemandModel(catalog, config.salesLines, fromDay, toDay);
	const dayCount = toDay - fromDay + 1;
	const dailyDemand = estimateDailyDemand({
		catalog,
		appeal,
		stores,
		picker,
		posLinesPerDay: (demand.posOrders.reduce((sum, orders) => sum + orders, 0) * POS_MEAN_LINES) / dayCount,
		webLinesPerDay: (demand.webOrders.reduce((sum, orders) => sum + orders, 0) * WEB_MEAN_LINES) / dayCount
	});
	return {
		config,
		batchId: batchIdOf(config),
		fromDay,
		toDay,
		referenceSecond: (toDay + 1) * SECONDS_PER_DAY - 1,
		catalog,
		appeal,
		associations,
		stores,
		customers: buildCustomers({
			seed,
			count: customerCountFor(config.salesLines),
			fromDay,
			toDay,
			extractDays,
			catalog
		}),
		names: buildNamePools(seed),
		fragments: buildRowFragments(
			catalog,
			stores,
			new DateFragments(fromDay - DATES_BEFORE, toDay + DATES_AFTER)
		),
		picker,
		demand,
		inventory: new Inventory(seed, stores, catalog.products.length, dailyDemand, fromDay, dayCount),
		extractDays,
		events: buildEventPlan({
			seed,
			fromDay,
			toDay,
			catalog,
			appeal,
			stores,
			demand,
			namePoolSize: NAME_POOL_SIZE
		})
	};
}

/** Dates precomputed around the range: sign-ups before it, deliveries and promises after it. */
const DATES_BEFORE = 1200;
const DATES_AFTER = 120;

export function monthEnds(fromDay: number, toDay: number): Int32Array {
	const days: number[] = [];
	for (let day = fromDay; day <= toDay; day++) {
		const { year, month, day: dayOfMonth } = civilDate(day);
		if (dayOfMonth === daysInMonth(year, month)) days.push(day);
	}
	return Int32Array.from(days);
}
