import { describe, expect, it } from 'vitest';
import { compareCells, sortRows } from '$lib/components/dashboard/sort-rows';

describe('sortRows', () => {
	it('sorts numbers by size and text alphabetically, either way', () => {
		const rows = [{ v: 10 }, { v: 2 }, { v: 33 }];
		expect(sortRows(rows, (r) => r.v).map((r) => r.v)).toEqual([2, 10, 33]);
		expect(sortRows(rows, (r) => r.v, true).map((r) => r.v)).toEqual([33, 10, 2]);
		const names = ['mumbai', 'Delhi', 'Agra'];
		expect(sortRows(names, (n) => n)).toEqual(['Agra', 'Delhi', 'mumbai']);
	});

	it('puts nulls last in both directions', () => {
		const rows = [{ v: null }, { v: 1 }, { v: 3 }];
		expect(sortRows(rows, (r) => r.v).map((r) => r.v)).toEqual([1, 3, null]);
		expect(sortRows(rows, (r) => r.v, true).map((r) => r.v)).toEqual([3, 1, null]);
	});

	it('keeps the order of ties and leaves the input alone', () => {
		const rows = [
			{ id: 'a', v: 1 },
			{ id: 'b', v: 1 },
			{ id: 'c', v: 0 }
		];
		expect(sortRows(rows, (r) => r.v).map((r) => r.id)).toEqual(['c', 'a', 'b']);
		expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
	});

	it('orders text with numbers in it numerically', () => {
		expect(compareCells('S2', 'S10')).toBeLessThan(0);
	});
});
