import { describe, expect, it } from 'vitest';
import { median, mispricedDays, type PriceDay } from '../../../src/lib/signals/typical-prices';
import { openNativeConnection } from '../helpers/native-duckdb';

const SETTINGS = { low: 0.5, high: 2, contextDays: 60, minDays: 5 };

/** Days of one product at `dayNos`, each priced `price` (lowest and highest too) unless `odd` says otherwise. */
function product(
	productSk: number,
	dayNos: number[],
	price: number,
	odd: Record<number, Partial<PriceDay>> = {}
): PriceDay[] {
	return dayNos.map((dayNo) => ({
		productSk,
		dateKey: 20240000 + dayNo,
		dayNo,
		dayPrice: price,
		minPrice: price,
		maxPrice: price,
		...odd[dayNo]
	}));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('median', () => {
	it('interpolates the two middle values of an even count, as DuckDB’s median does', () => {
		expect(median([7])).toBe(7);
		expect(median([1, 2])).toBe(1.5);
		expect(median([1, 2, 3, 10])).toBe(2.5);
		expect(median([1, 2, 3, 10, 11])).toBe(3);
	});
});

describe('mispricedDays', () => {
	it('flags a day whose lowest line is under half, or highest over twice, the window’s median day price', () => {
		const days = [
			// Day 6's median is normal but one line sold at 4 (< 0.5 × 10); day 3 had a line at 21 (> 2 × 10).
			...product(1, range(0, 6), 10, { 6: { minPrice: 4 }, 3: { maxPrice: 21 } }),
			// Exactly half and exactly twice are not under or over.
			...product(2, range(0, 6), 10, { 2: { minPrice: 5 }, 4: { maxPrice: 20 } })
		];
		expect(mispricedDays(days, SETTINGS)).toEqual([
			{ productSk: 1, dateKey: 20240003, typicalPrice: 10 },
			{ productSk: 1, dateKey: 20240006, typicalPrice: 10 }
		]);
	});

	it('judges a day by the days with sales within contextDays either side, and only once there are minDays', () => {
		// Four days only: too few to trust a typical price, however far off a line is.
		expect(mispricedDays(product(1, range(0, 3), 10, { 3: { minPrice: 1 } }), SETTINGS)).toEqual([]);
		// Five days at 10, then five at 100 a hundred days later: 60 days either side never spans both, so
		// each block is judged by its own typical price and nothing is off.
		const blocks = [...product(1, range(0, 4), 10), ...product(1, range(100, 104), 100)];
		expect(mispricedDays(blocks, SETTINGS)).toEqual([]);
		// With 100 days either side the blocks meet. Day 4's window (days -96…104) holds 10 × 5 and 100 × 5:
		// median 55, and its lines at 10 are under half of it. Day 100's (0…200) is the same, and 100 is not
		// over twice 55. Day 104's (4…204) holds 10 × 1 and 100 × 5: median 100, and its line at 40 is under
		// half. Days 0–3 see at most four 100s beside their five 10s (median 10); days 101–103 at most four
		// 10s beside five 100s (median 100).
		const wide = mispricedDays(
			[...product(1, range(0, 4), 10), ...product(1, range(100, 104), 100, { 104: { minPrice: 40 } })],
			{ ...SETTINGS, contextDays: 100 }
		);
		expect(wide).toEqual([
			{ productSk: 1, dateKey: 20240004, typicalPrice: 55 },
			{ productSk: 1, dateKey: 20240104, typicalPrice: 100 }
		]);
	});

	it('finds what the engine’s windowed median finds, on random days of many products (native DuckDB)', async () => {
		let seed = 7;
		const next = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		const days: PriceDay[] = [];
		for (let productSk = 1; productSk <= 30; productSk++) {
			const base = 10 + Math.floor(next() * 500);
			for (let dayNo = 0; dayNo < 400; dayNo++) {
				if (next() < 0.4) continue;
				const dayPrice = Math.round(base * (0.8 + next() * 0.4) * 100) / 100;
				const off = next();
				const minPrice = off < 0.02 ? Math.round(dayPrice * 0.3 * 100) / 100 : dayPrice;
				const maxPrice = off > 0.98 ? Math.round(dayPrice * 3 * 100) / 100 : dayPrice;
				days.push({ productSk, dateKey: 20230000 + dayNo, dayNo, dayPrice, minPrice, maxPrice });
			}
		}
		const db = await openNativeConnection();
		const values = days
			.map((d) => `(${d.productSk}, ${d.dateKey}, ${d.dayNo}, ${d.dayPrice}, ${d.minPrice}, ${d.maxPrice})`)
			.join(', ');
		const reader = await db.runAndReadAll(`
			WITH days(product_sk, date_key, day_no, day_price, min_price, max_price) AS (VALUES ${values}),
			typical AS (
				SELECT *, median(day_price::DOUBLE) OVER around AS typical_price, count(*) OVER around AS days_seen
				FROM days
				WINDOW around AS (PARTITION BY product_sk ORDER BY day_no RANGE BETWEEN 60 PRECEDING AND 60 FOLLOWING)
			)
			SELECT product_sk::INTEGER AS "productSk", date_key::INTEGER AS "dateKey", typical_price AS "typicalPrice"
			FROM typical
			WHERE days_seen >= 5
				AND (min_price::DOUBLE < 0.5 * typical_price OR max_price::DOUBLE > 2 * typical_price)
			ORDER BY product_sk, day_no`);
		const expected = reader.getRowObjectsJS();
		db.closeSync();
		expect(expected.length).toBeGreaterThan(100);
		expect(mispricedDays(days, SETTINGS)).toEqual(expected);
	});
});
