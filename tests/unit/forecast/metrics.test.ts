import { describe, expect, it } from 'vitest';
import { mase, naiveScale, rmsse, smape, wrmsse } from '../../../src/lib/forecast/metrics';

describe('forecast metrics on hand-worked series', () => {
	// history 1, 3, 2, 4: naive errors 2, −1, 2 → mean squared 9/3 = 3, mean absolute 5/3.
	const history = [1, 3, 2, 4];

	it('scales by the in-sample one-step naive errors', () => {
		expect(naiveScale(history)).toEqual({ squared: 3, absolute: 5 / 3 });
		expect(naiveScale([7])).toBeNull();
	});

	it('a perfect forecast scores 0 on every metric', () => {
		const actual = [5, 0, 2, 9];
		expect(rmsse(actual, actual, history)).toBe(0);
		expect(mase(actual, actual, history)).toBe(0);
		expect(smape(actual, actual)).toBe(0);
	});

	it('the naive forecast of its own scaling series scores exactly 1', () => {
		const series = [3, 5, 4, 8, 6, 6, 1];
		const actual = series.slice(1);
		const naive = series.slice(0, -1);
		expect(rmsse(actual, naive, series)).toBeCloseTo(1, 12);
		expect(mase(actual, naive, series)).toBeCloseTo(1, 12);
	});

	it('scores a two-day forecast as worked out by hand', () => {
		// errors −1 and 3: MSE 5, MAE 2.
		expect(rmsse([2, 4], [3, 1], history)).toBeCloseTo(Math.sqrt(5 / 3), 12);
		expect(mase([2, 4], [3, 1], history)).toBeCloseTo(2 / (5 / 3), 12);
		// 200·1/5 = 40 and 200·3/5 = 120 → 80.
		expect(smape([2, 4], [3, 1])).toBeCloseTo(80, 12);
	});

	it('sMAPE counts a day where forecast and actual are both 0 as no error', () => {
		expect(smape([0, 10], [0, 10])).toBe(0);
		expect(smape([0, 0], [0, 5])).toBe(100);
	});

	it('a series that never changes has no scale, so its scaled errors are null', () => {
		expect(rmsse([4], [5], [4, 4, 4])).toBeNull();
		expect(mase([4], [5], [4, 4, 4])).toBeNull();
	});

	it('WRMSSE weighs each series by its share and leaves out the ones without a score', () => {
		expect(wrmsse([1, 0.5], [3, 1])).toBeCloseTo((3 * 1 + 1 * 0.5) / 4, 12);
		expect(wrmsse([1, 0.5, null], [0.5, 0.25, 0.25])).toBeCloseTo((0.5 + 0.125) / 0.75, 12);
		expect(wrmsse([null], [1])).toBeNull();
	});

	it('refuses a forecast of another length than the actuals', () => {
		expect(() => rmsse([1, 2], [1], history)).toThrow(/cannot be scored/);
	});
});
