import { describe, expect, it } from 'vitest';
import { snapshotCadenceWeeks } from '$lib/generate/inventory-snapshots';

describe('inventory snapshot cadence', () => {
	const threeYears = 1096;
	const pairs = 4_800;

	it('snapshots as often as keeps inventory rows within 20 % of the sales lines', () => {
		expect(snapshotCadenceWeeks(10_000_000, threeYears, pairs)).toBe(1);
		expect(snapshotCadenceWeeks(5_000_000, threeYears, pairs)).toBe(1);
		expect(snapshotCadenceWeeks(2_500_000, threeYears, pairs)).toBe(2);
		expect(snapshotCadenceWeeks(1_000_000, threeYears, pairs)).toBe(4);
	});

	it('falls back to quarterly when even that is more', () => {
		expect(snapshotCadenceWeeks(70_000, threeYears, pairs)).toBe(13);
	});
});
