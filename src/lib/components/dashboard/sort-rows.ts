/** Orders two cell values: numbers by size, text by en-IN collation, booleans false first; nulls last either way. */
export function compareCells(a: unknown, b: unknown, descending = false): number {
	const aMissing = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
	const bMissing = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
	if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
	let order: number;
	if (typeof a === 'number' && typeof b === 'number') order = a - b;
	else if (typeof a === 'bigint' && typeof b === 'bigint') order = a < b ? -1 : a > b ? 1 : 0;
	else if (typeof a === 'boolean' && typeof b === 'boolean') order = Number(a) - Number(b);
	else order = String(a).localeCompare(String(b), 'en-IN', { numeric: true });
	return descending ? -order : order;
}

/** A sorted copy of `rows` by `value(row)`; rows that tie keep their order (Array.prototype.sort is stable). */
export function sortRows<T>(rows: readonly T[], value: (row: T) => unknown, descending = false): T[] {
	return rows.toSorted((a, b) => compareCells(value(a), value(b), descending));
}
