import { festivalsBetween } from '../calendar/retail-calendar';
import type { Catalog } from './catalog';
import { civilDate, dayNumber } from '../calendar/dates';
import type { DemandModel } from './demand';
import { Rng } from './rng';
import { CITIES, type Store } from './stores';

/**
 * Events planted in the data so that the anomaly and fraud detectors have something true to find, and
 * tests a truth to score them against (`_truth.json` → `events`). Per calendar year of the range: store
 * outages, price-entry errors and a week-long category promotion, kept apart from each other, from
 * festivals and from the retail sales; and fraud on the web channel, a fixed small share of its orders.
 * Each event is sized so that the data can show it at the run's scale (see `EVENT_RULES`).
 */
export const EVENT_RULES = {
	/**
	 * An outage closes a store's floor until this many invoices are expected to have been lost, at the
	 * store's own rate over the `outageRateDays` before it.
	 */
	outageLostInvoices: 25,
	outageRateDays: 56,
	/** Longest outage; a store that (by the demand model) sells too little to show one within it gets none. */
	outageMaxDays: 35,
	/** Outages a year: the first number while fewer than six stores can show one, else the second. */
	outagesPerYear: [1, 2],
	priceErrorsPerYear: 2,
	/** The wrong price stays until it has been charged on this many lines, or for this many days. */
	priceErrorMinLines: 3,
	priceErrorMaxDays: 7,
	/** A price error hits one of the products most often sold. */
	priceErrorCandidates: 8,
	categoryPromotionsPerYear: 1,
	categoryPromotionDays: 7,
	/** The promoted category's lines are multiplied by a lift drawn from this range, at this discount. */
	categoryPromotionLift: [2.2, 3] as [number, number],
	categoryPromotionDiscount: 0.15,
	/** Share of the web orders that are fraud, split between the patterns (default ≤ 0.5 %). */
	fraudShareOfWebOrders: 0.003,
	fraudSplit: { cardTesting: 0.5, accountTakeover: 0.2, reseller: 0.3 },
	cardTestingOrders: [5, 9] as [number, number],
	/** Seconds between two orders of a card-testing burst. */
	cardTestingGapSeconds: [30, 150] as [number, number],
	/** Card testers try items of at most this list price (paise). */
	cardTestingMaxListPaise: 49_900,
	/** Account takeovers buy electronics of at least this list price (paise), two or three of them. */
	takeoverMinListPaise: 699_900,
	resellerOrders: [3, 5] as [number, number],
	resellerGapDays: [7, 20] as [number, number],
	resellerUnits: [8, 20] as [number, number],
	/** Resellers buy one gadget of at most this list price (paise). */
	resellerMaxListPaise: 299_900,
	/** Days kept clear around festivals, retail sales and other planted events. */
	clearanceDays: 7,
	/** Events start this long after the range's first day (baselines need history) and end before its last. */
	leadInDays: 60,
	leadOutDays: 14
} as const;

export interface StoreOutagePlan {
	store: number;
	firstDay: number;
	/** Days kept free for it; it ends sooner once it has cost `outageLostInvoices` (see PlantedEvents). */
	maxDays: number;
}

export interface PriceErrorPlan {
	product: number;
	/** 10: an extra zero keyed; 0.1: a zero dropped. */
	factor: 0.1 | 10;
	firstDay: number;
}

export interface CategoryPromotionPlan {
	category: number;
	firstDay: number;
	lastDay: number;
	lift: number;
	discount: number;
}

export type FraudPattern = 'card_testing' | 'account_takeover' | 'reseller';

/** One planned fraudulent web order; who places it is settled while generating (it needs their history). */
export interface FraudOrderPlan {
	pattern: FraudPattern;
	/** Epoch second of the order. */
	second: number;
	/** Card testing: index of the burst (its new account); reseller: index of the reseller. */
	actor: number;
	/** The product bought (card testing: one of the cheap ones; takeover: expensive electronics). */
	product: number;
	quantity: number;
	/** Takeover: the goods go to the city this many places on from the account's (1 … 9); else 0. */
	shipToOffset: number;
}

/** A card tester's throw-away account: never in a CRM extract, used for one burst. */
export interface CardTesterAccount {
	id: string;
	city: number;
	firstName: number;
	lastName: number;
	house: number;
	street: number;
	pinSuffix: number;
}

export interface EventPlan {
	outages: StoreOutagePlan[];
	priceErrors: PriceErrorPlan[];
	categoryPromotions: CategoryPromotionPlan[];
	/** Sorted by second. */
	fraudOrders: FraudOrderPlan[];
	cardTesters: CardTesterAccount[];
	/** How many resellers the reseller orders' `actor` counts. */
	resellers: number;
}

export interface EventPlanInputs {
	seed: number;
	fromDay: number;
	toDay: number;
	catalog: Catalog;
	appeal: Float64Array;
	stores: readonly Store[];
	demand: DemandModel;
	/** Name-pool size, for the card testers' names and streets. */
	namePoolSize: number;
}

/** Plans every event of the run from its own random stream; the other streams are untouched by it. */
export function buildEventPlan(inputs: EventPlanInputs): EventPlan {
	const { seed, fromDay, toDay, demand } = inputs;
	const rng = Rng.stream(seed, 'events');
	const busy = busyDays(fromDay, toDay, demand);
	const plan: EventPlan = {
		outages: [],
		priceErrors: [],
		categoryPromotions: [],
		fraudOrders: [],
		cardTesters: [],
		resellers: 0
	};
	const R = EVENT_RULES;
	const first = fromDay + R.leadInDays;
	const last = toDay - R.leadOutDays;
	for (let year = civilDate(first).year; year <= civilDate(last).year; year++) {
		const lo = Math.max(first, dayNumber(year, 1, 1));
		const hi = Math.min(last, dayNumber(year, 12, 31));
		if (hi - lo + 1 < 60) continue;
		const share = (hi - lo + 1) / 365;
		planOutages(rng, inputs, busy, lo, hi, plan);
		planCategoryPromotions(rng, inputs, busy, lo, hi, plan);
		planPriceErrors(rng, inputs, busy, lo, hi, plan);
		planFraud(rng, inputs, lo, hi, share, plan);
	}
	plan.outages.sort((a, b) => a.firstDay - b.firstDay);
	plan.priceErrors.sort((a, b) => a.firstDay - b.firstDay);
	plan.categoryPromotions.sort((a, b) => a.firstDay - b.firstDay);
	plan.fraudOrders.sort((a, b) => a.second - b.second);
	return plan;
}

/** Days (index from `fromDay`) that an event must not touch: festivals and the retail sales. */
function busyDays(fromDay: number, toDay: number, demand: DemandModel): Uint8Array {
	const busy = new Uint8Array(toDay - fromDay + 1);
	for (const festival of festivalsBetween(fromDay, toDay))
		mark(busy, fromDay, festival.dayNo, festival.dayNo);
	for (const promotion of demand.promotions) mark(busy, fromDay, promotion.firstDay, promotion.lastDay);
	return busy;
}

function mark(busy: Uint8Array, fromDay: number, firstDay: number, lastDay: number): void {
	const pad = EVENT_RULES.clearanceDays;
	for (let day = firstDay - pad; day <= lastDay + pad; day++) {
		const i = day - fromDay;
		if (i >= 0 && i < busy.length) busy[i] = 1;
	}
}

/** A free window of `length` days within [lo, hi], marked busy once taken; null when none is found. */
function takeWindow(rng: Rng, busy: Uint8Array, fromDay: number, lo: number, hi: number, length: number) {
	const starts = hi - length + 1 - lo + 1;
	if (starts <= 0) return null;
	for (let attempt = 0; attempt < 200; attempt++) {
		const start = lo + rng.int(starts);
		let free = true;
		for (let day = start; day < start + length && free; day++) free = busy[day - fromDay] === 0;
		if (!free) continue;
		mark(busy, fromDay, start, start + length - 1);
		return start;
	}
	return null;
}

/** Mean of `values` over days [lo, hi] (day numbers, index from `fromDay`). */
function meanOver(values: Float64Array, fromDay: number, lo: number, hi: number): number {
	let sum = 0;
	for (let day = lo; day <= hi; day++) sum += values[day - fromDay];
	return sum / (hi - lo + 1);
}

function planOutages(
	rng: Rng,
	{ fromDay, stores, demand }: EventPlanInputs,
	busy: Uint8Array,
	lo: number,
	hi: number,
	plan: EventPlan
): void {
	const R = EVENT_RULES;
	const posOrders = meanOver(demand.posOrders, fromDay, lo, hi);
	const cityTotal = CITIES.reduce((sum, city) => sum + city.weight, 0);
	const slotTraffic = new Map<number, number>();
	for (const store of stores) slotTraffic.set(store.slot, store.traffic);
	const trafficTotal = [...slotTraffic.values()].reduce((sum, traffic) => sum + traffic, 0);
	// Invoices a day: the city's share of customers times the format's share of footfall.
	const candidates = stores
		.map((store) => {
			const perDay = (posOrders * store.city.weight * store.traffic) / (cityTotal * trafficTotal);
			return { store, days: Math.ceil(R.outageLostInvoices / perDay) };
		})
		.filter(({ store, days }) => days <= R.outageMaxDays && store.openedDay <= lo - 90);
	const count = R.outagesPerYear[candidates.length >= 6 ? 1 : 0];
	for (let k = 0; k < count && candidates.length > 0; k++) {
		const { store } = candidates.splice(rng.int(candidates.length), 1)[0];
		const start = takeWindow(rng, busy, fromDay, lo, hi, R.outageMaxDays);
		if (start === null) continue;
		plan.outages.push({ store: store.index, firstDay: start, maxDays: R.outageMaxDays });
	}
}

function planCategoryPromotions(
	rng: Rng,
	{ fromDay, catalog }: EventPlanInputs,
	busy: Uint8Array,
	lo: number,
	hi: number,
	plan: EventPlan
): void {
	const R = EVENT_RULES;
	for (let k = 0; k < R.categoryPromotionsPerYear; k++) {
		const start = takeWindow(rng, busy, fromDay, lo, hi, R.categoryPromotionDays);
		if (start === null) continue;
		const [minLift, maxLift] = R.categoryPromotionLift;
		plan.categoryPromotions.push({
			category: rng.int(catalog.byCategory.length),
			firstDay: start,
			lastDay: start + R.categoryPromotionDays - 1,
			lift: Math.round(rng.between(minLift, maxLift) * 100) / 100,
			discount: R.categoryPromotionDiscount
		});
	}
}

function planPriceErrors(
	rng: Rng,
	{ fromDay, catalog, appeal }: EventPlanInputs,
	busy: Uint8Array,
	lo: number,
	hi: number,
	plan: EventPlan
): void {
	const R = EVENT_RULES;
	const categoryAppeal = catalog.byCategory.map((members) => members.reduce((sum, p) => sum + appeal[p], 0));
	// How often each product is on a line: its category's share times its share of the category's appeal.
	const popular = catalog.products
		.map((product) => ({
			index: product.index,
			weight:
				(catalog.lineShare[product.categoryIndex] * appeal[product.index]) /
				categoryAppeal[product.categoryIndex]
		}))
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.slice(0, R.priceErrorCandidates);
	for (let k = 0; k < R.priceErrorsPerYear; k++) {
		const start = takeWindow(rng, busy, fromDay, lo, hi, R.priceErrorMaxDays);
		if (start === null) continue;
		plan.priceErrors.push({
			product: popular[rng.int(popular.length)].index,
			factor: rng.chance(0.5) ? 10 : 0.1,
			firstDay: start
		});
	}
}

/** Card-testing bursts, account takeovers and resellers: a fixed share of the year's expected web orders. */
function planFraud(
	rng: Rng,
	{ fromDay, catalog, demand, namePoolSize }: EventPlanInputs,
	lo: number,
	hi: number,
	share: number,
	plan: EventPlan
): void {
	const R = EVENT_RULES;
	const webOrders = meanOver(demand.webOrders, fromDay, lo, hi) * 365 * share;
	const budget = Math.round(webOrders * R.fraudShareOfWebOrders);
	const meanBurst = (R.cardTestingOrders[0] + R.cardTestingOrders[1]) / 2;
	let bursts = Math.floor((budget * R.fraudSplit.cardTesting) / meanBurst);
	if (bursts === 0 && budget >= R.cardTestingOrders[0]) bursts = 1;
	const takeovers = budget >= 2 ? Math.max(1, Math.round(budget * R.fraudSplit.accountTakeover)) : 0;
	const resellerOrders = Math.round(budget * R.fraudSplit.reseller);
	const meanReseller = (R.resellerOrders[0] + R.resellerOrders[1]) / 2;
	const resellers = resellerOrders === 0 ? 0 : Math.max(1, Math.round(resellerOrders / meanReseller));

	const electronics = catalog.byCategory[0];
	const cheap = catalog.products.filter((p) => p.listPaise <= R.cardTestingMaxListPaise).map((p) => p.index);
	const pricey = electronics.filter((p) => catalog.products[p].listPaise >= R.takeoverMinListPaise);
	const gadgets = electronics.filter((p) => catalog.products[p].listPaise <= R.resellerMaxListPaise);
	const span = hi - lo + 1;
	const anySecond = (day: number) => day * 86_400 + rng.int(86_400);

	for (let b = 0; b < bursts; b++) {
		const actor = plan.cardTesters.length;
		plan.cardTesters.push({
			id: `CUST-${900_001 + actor}`,
			city: rng.int(CITIES.length),
			firstName: rng.int(namePoolSize),
			lastName: rng.int(namePoolSize),
			house: rng.intBetween(1, 999),
			street: rng.int(namePoolSize),
			pinSuffix: rng.intBetween(1, 99)
		});
		const orders = rng.intBetween(R.cardTestingOrders[0], R.cardTestingOrders[1]);
		// Leave room before midnight, so a burst stays on one day.
		let second = (lo + rng.int(span)) * 86_400 + rng.int(86_400 - orders * R.cardTestingGapSeconds[1]);
		for (let o = 0; o < orders; o++) {
			plan.fraudOrders.push({
				pattern: 'card_testing',
				second,
				actor,
				product: cheap[rng.int(cheap.length)],
				quantity: 1,
				shipToOffset: 0
			});
			second += rng.intBetween(R.cardTestingGapSeconds[0], R.cardTestingGapSeconds[1]);
		}
	}
	for (let t = 0; t < takeovers; t++) {
		const product = pricey[rng.int(pricey.length)];
		plan.fraudOrders.push({
			pattern: 'account_takeover',
			second: anySecond(lo + rng.int(span)),
			actor: -1,
			product,
			quantity: catalog.products[product].listPaise >= 1_000_000 ? 2 : 3,
			shipToOffset: rng.intBetween(1, CITIES.length - 1)
		});
	}
	for (let r = 0; r < resellers; r++) {
		const actor = plan.resellers++;
		const product = gadgets[rng.int(gadgets.length)];
		const orders = rng.intBetween(R.resellerOrders[0], R.resellerOrders[1]);
		let day = lo + rng.int(Math.max(1, span - orders * R.resellerGapDays[1]));
		for (let o = 0; o < orders && day <= hi; o++) {
			plan.fraudOrders.push({
				pattern: 'reseller',
				second: anySecond(day),
				actor,
				product,
				quantity: rng.intBetween(R.resellerUnits[0], R.resellerUnits[1]),
				shipToOffset: 0
			});
			day += rng.intBetween(R.resellerGapDays[0], R.resellerGapDays[1]);
		}
	}
}
