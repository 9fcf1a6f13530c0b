import type { Catalog } from './catalog';
import { CATEGORIES } from './catalog';
import { cumulative, logNormalFactor, pickCumulative } from './deterministic-math';
import { NAME_POOL_SIZE, type NamePools } from './name-pools';
import { Rng } from './rng';
import { CITIES, SLOTS_BY_TRAFFIC } from './stores';

/**
 * The customer base, as typed arrays indexed by customer number (ids `CUST-000001` … are issued in
 * signup order, so the customers who exist on a day are a prefix). Customers differ in how often they
 * buy, in which channel and categories; they sign up over time, some churn, and about one in ten moves
 * city once, between two monthly CRM extracts so the move is visible.
 */
export interface Customers {
	count: number;
	signupDay: Int32Array;
	/** First day without orders (churned); `NEVER` when the customer stays. */
	churnDay: Int32Array;
	homeCity: Uint8Array;
	/** Day the customer lives in `newCity` from; `NEVER` for non-movers. */
	moveDay: Int32Array;
	newCity: Uint8Array;
	/** Store slot (format) the customer usually shops at. */
	preferredSlot: Uint8Array;
	/** Running sums of purchase weights in the store and web channels, in id order. */
	posSums: Float64Array;
	webSums: Float64Array;
	/** Category affinity, `count × CATEGORIES.length`, each row summing to 1. */
	affinity: Float64Array;
	/** Indexes into the name pools. */
	firstName: Uint16Array;
	lastName: Uint16Array;
	/** House number, street (pool index) and last three PIN digits: at home, and after a move. */
	house: Uint16Array;
	street: Uint16Array;
	pinSuffix: Uint16Array;
	newHouse: Uint16Array;
	newStreet: Uint16Array;
	newPinSuffix: Uint16Array;
}

export const NEVER = 0x7fff_ffff;

/**
 * Customers scale with the square root of volume (4,000 at the original's 70k lines, ~15k at 1M, ~48k at
 * 10M): bigger runs mean more customers and more orders each, and the monthly CRM extracts stay modest.
 */
export function customerCountFor(salesLines: number): number {
	return Math.round(4000 * Math.sqrt(salesLines / 70_000));
}

export function customerId(index: number): string {
	return `CUST-${String(index + 1).padStart(6, '0')}`;
}

const CHANNEL_PREFERENCES = [
	{ share: 0.55, pos: 1, web: 0.06 },
	{ share: 0.15, pos: 0.08, web: 1 },
	{ share: 0.3, pos: 0.6, web: 0.55 }
];
const PRE_RANGE_SHARE = 0.35;
const CHURN_SHARE = 0.3;
const MOVER_SHARE = 0.1;
const HOME_SLOT_LOYALTY = 0.75;

export interface CustomerInputs {
	seed: number;
	count: number;
	fromDay: number;
	toDay: number;
	/** Days of the monthly CRM extracts, ascending. */
	extractDays: Int32Array;
	catalog: Catalog;
}

export function buildCustomers({
	seed,
	count,
	fromDay,
	toDay,
	extractDays,
	catalog
}: CustomerInputs): Customers {
	const rng = Rng.stream(seed, 'customers');
	const span = toDay - fromDay + 1;
	const signupDay = Int32Array.from({ length: count }, () => {
		if (rng.chance(PRE_RANGE_SHARE)) return fromDay - 1 - rng.int(3 * 365);
		// Sign-ups grow over the range: half uniform, half with a linearly rising density.
		const u = rng.float();
		return fromDay + Math.floor(span * (rng.chance(0.5) ? u : Math.sqrt(u)));
	}).sort();

	const citySums = cumulative(CITIES.map((city) => city.weight));
	const preferenceSums = cumulative(CHANNEL_PREFERENCES.map((preference) => preference.share));
	const categories = CATEGORIES.length;
	const customers: Customers = {
		count,
		signupDay,
		churnDay: new Int32Array(count).fill(NEVER),
		homeCity: new Uint8Array(count),
		moveDay: new Int32Array(count).fill(NEVER),
		newCity: new Uint8Array(count),
		preferredSlot: new Uint8Array(count),
		posSums: new Float64Array(count),
		webSums: new Float64Array(count),
		affinity: new Float64Array(count * categories),
		firstName: new Uint16Array(count),
		lastName: new Uint16Array(count),
		house: new Uint16Array(count),
		street: new Uint16Array(count),
		pinSuffix: new Uint16Array(count),
		newHouse: new Uint16Array(count),
		newStreet: new Uint16Array(count),
		newPinSuffix: new Uint16Array(count)
	};
	const lastExtract = extractDays[extractDays.length - 1];
	let posTotal = 0;
	let webTotal = 0;
	for (let i = 0; i < count; i++) {
		const activity = logNormalFactor(rng, 1);
		const preference = CHANNEL_PREFERENCES[pickCumulative(rng, preferenceSums)];
		posTotal += activity * preference.pos;
		webTotal += activity * preference.web;
		customers.posSums[i] = posTotal;
		customers.webSums[i] = webTotal;

		let affinityTotal = 0;
		for (let c = 0; c < categories; c++) {
			const weight = catalog.lineShare[c] * logNormalFactor(rng, 0.8);
			customers.affinity[i * categories + c] = weight;
			affinityTotal += weight;
		}
		for (let c = 0; c < categories; c++) customers.affinity[i * categories + c] /= affinityTotal;

		customers.homeCity[i] = pickCumulative(rng, citySums);
		customers.preferredSlot[i] = SLOTS_BY_TRAFFIC.pick(rng);
		customers.firstName[i] = rng.int(NAME_POOL_SIZE);
		customers.lastName[i] = rng.int(NAME_POOL_SIZE);
		customers.house[i] = rng.intBetween(1, 999);
		customers.street[i] = rng.int(NAME_POOL_SIZE);
		customers.pinSuffix[i] = rng.intBetween(1, 99);

		if (rng.chance(CHURN_SHARE)) {
			customers.churnDay[i] = Math.max(signupDay[i], fromDay) + 30 + rng.int(span + 365);
		}
		// A move shows in the extracts only if one extract precedes it and a later one follows.
		const firstExtract = extractDays.find((day) => day >= signupDay[i]);
		if (firstExtract !== undefined && firstExtract < lastExtract && rng.chance(MOVER_SHARE)) {
			customers.moveDay[i] = firstExtract + 1 + rng.int(lastExtract - firstExtract);
			let city = customers.homeCity[i];
			while (city === customers.homeCity[i]) city = pickCumulative(rng, citySums);
			customers.newCity[i] = city;
			customers.newHouse[i] = rng.intBetween(1, 999);
			customers.newStreet[i] = rng.int(NAME_POOL_SIZE);
			customers.newPinSuffix[i] = rng.intBetween(1, 99);
		}
	}
	return customers;
}

export function customerName(customers: Customers, names: NamePools, customer: number): string {
	return `${names.firstNames[customers.firstName[customer]]} ${names.lastNames[customers.lastName[customer]]}`;
}

/** The postal address a customer lives at, before or after their move. */
export function customerAddress(
	customers: Customers,
	names: NamePools,
	customer: number,
	moved: boolean
): string {
	const city = CITIES[moved ? customers.newCity[customer] : customers.homeCity[customer]];
	const house = moved ? customers.newHouse[customer] : customers.house[customer];
	const street = names.streets[moved ? customers.newStreet[customer] : customers.street[customer]];
	const pin = moved ? customers.newPinSuffix[customer] : customers.pinSuffix[customer];
	return `${house} ${street}, ${city.name}, ${city.state} - ${city.pinPrefix}${String(pin).padStart(3, '0')}`;
}

/**
 * Per-customer text that depends on where the customer lives, laid out as `count` entries for the home
 * residence then `count` for the residence after a move (empty for non-movers); `residenceIndex` picks.
 */
export function byResidence(
	customers: Customers,
	text: (customer: number, moved: boolean) => string
): string[] {
	const all = Array.from({ length: customers.count }, (_, i) => i);
	return [
		...all.map((i) => text(i, false)),
		...all.map((i) => (customers.moveDay[i] === NEVER ? '' : text(i, true)))
	];
}

export function residenceIndex(customers: Customers, customer: number, dayNo: number): number {
	return dayNo >= customers.moveDay[customer] ? customers.count + customer : customer;
}

export function cityAt(customers: Customers, customer: number, dayNo: number): number {
	return dayNo >= customers.moveDay[customer] ? customers.newCity[customer] : customers.homeCity[customer];
}

/**
 * A customer among the first `eligible` (those signed up by `dayNo`) who has not churned, drawn by channel
 * weight; -1 when there is none.
 */
export function pickCustomer(
	rng: Rng,
	customers: Customers,
	sums: Float64Array,
	eligible: number,
	dayNo: number
): number {
	if (eligible === 0) return -1;
	for (let attempt = 0; attempt < 32; attempt++) {
		const customer = pickCumulative(rng, sums, eligible);
		if (customers.churnDay[customer] > dayNo) return customer;
	}
	for (let customer = 0; customer < eligible; customer++) {
		if (customers.churnDay[customer] > dayNo) return customer;
	}
	return -1;
}

/** The store slot a customer walks into: usually their favourite format, else one by footfall. */
export function pickSlot(rng: Rng, customers: Customers, customer: number): number {
	return rng.chance(HOME_SLOT_LOYALTY) ? customers.preferredSlot[customer] : SLOTS_BY_TRAFFIC.pick(rng);
}
