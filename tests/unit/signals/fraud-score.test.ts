import { describe, expect, it } from 'vitest';
import { FLAG_SCORE, firedSignals, fraudScore, type OrderFacts } from '../../../src/lib/signals/fraud';

/** An ordinary order: one in half an hour, an account a year old, ₹1,200, shipped home. */
const honest: OrderFacts = {
	ordersWithin30Min: 1,
	accountAgeHours: 24 * 365,
	amount: 1_200,
	highValueThreshold: 40_000,
	newShipCity: false,
	bulk: false,
	repeatBulk: false
};

describe('fraud signals and score (weights: burst 45, new account 15, small 10, new city 40, high value 25, bulk 50, repeat bulk 30)', () => {
	it('fires nothing on an ordinary order, whatever the day or hour (the original flagged weekend orders)', () => {
		expect(firedSignals(honest)).toEqual([]);
		expect(fraudScore([])).toBe(0);
	});

	it('flags card testing: three small orders in half an hour from a fresh account (45 + 15 + 10 = 70)', () => {
		const signals = firedSignals({ ...honest, ordersWithin30Min: 4, accountAgeHours: 0.5, amount: 149 });
		expect(signals).toEqual(['burst', 'new_account', 'small_amount']);
		expect(fraudScore(signals)).toBe(70);
		expect(fraudScore(signals)).toBeGreaterThanOrEqual(FLAG_SCORE);
	});

	it('does not flag a burst alone (a shopper fixing a cart: 45)', () => {
		const signals = firedSignals({ ...honest, ordersWithin30Min: 3 });
		expect(fraudScore(signals)).toBe(45);
		expect(fraudScore(signals)).toBeLessThan(FLAG_SCORE);
	});

	it('flags a takeover: an expensive order shipped to a city the account never used (40 + 25 = 65)', () => {
		const signals = firedSignals({ ...honest, amount: 85_000, newShipCity: true });
		expect(signals).toEqual(['new_ship_city', 'high_value']);
		expect(fraudScore(signals)).toBe(65);
	});

	it('does not flag a gift (new city, ordinary amount: 40) or a big honest order (high value: 25)', () => {
		expect(fraudScore(firedSignals({ ...honest, newShipCity: true }))).toBe(40);
		expect(fraudScore(firedSignals({ ...honest, amount: 40_000 }))).toBe(25);
	});

	it('flags a reseller: bulk alone is worth a look (50); again, more so (80); high value on top caps at 100', () => {
		expect(fraudScore(firedSignals({ ...honest, bulk: true }))).toBe(50);
		expect(fraudScore(firedSignals({ ...honest, bulk: true, repeatBulk: true }))).toBe(80);
		expect(fraudScore(firedSignals({ ...honest, bulk: true, repeatBulk: true, amount: 90_000 }))).toBe(100);
	});

	it('reads an order without a customer id as no account age, never as a new account', () => {
		expect(firedSignals({ ...honest, accountAgeHours: null })).toEqual([]);
	});
});
