import { exactValue, formatValue, type ValueKind } from './kpi-format';

/** One column of a dashboard table. */
export interface Column<T> {
	/** The row's field: `data-col`, and the sort key a server-paged table sends. */
	key: string;
	label: string;
	/** The raw value (sorted on, and written to `data-value`); `row[key]` by default. */
	value?: (row: T) => unknown;
	/** How a number reads; text otherwise. */
	kind?: ValueKind;
	/** Custom text for the cell, instead of `kind`'s format. */
	format?: (value: unknown, row: T) => string;
	/** Right for numbers by default. */
	align?: 'left' | 'right';
	/** What a header click sorts by, when not `key` (a server-paged table's own sort names). */
	sortKey?: string;
	/** Whether the header sorts; true by default. */
	sortable?: boolean;
	/**
	 * Whether the cell wraps: `true` for names, `'prose'` for sentences (given a wider column, so a phone shows
	 * a few lines a row and scrolls the table sideways rather than a word a line); one line otherwise.
	 */
	wrap?: boolean | 'prose';
	/** A second, smaller line under the cell's text (e.g. a product's category), instead of a column of its own. */
	detail?: (row: T) => string | null;
	/** Makes the cell's text a button that opens the row (a detail, a drill); `action` names it for screen readers. */
	open?: { onclick: (row: T) => void; action: string };
}

export function cellValue<T>(column: Column<T>, row: T): unknown {
	return column.value ? column.value(row) : (row as Record<string, unknown>)[column.key];
}

export function cellText<T>(column: Column<T>, row: T): string {
	const value = cellValue(column, row);
	if (column.format) return column.format(value, row);
	if (column.kind) return formatValue(column.kind, typeof value === 'number' ? value : null);
	return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** The exact value for a cell's title, for money and rates; undefined where the text is already exact. */
export function cellTitle<T>(column: Column<T>, row: T): string | undefined {
	const value = cellValue(column, row);
	if (!column.kind || column.format || typeof value !== 'number') return undefined;
	return column.kind === 'count' ? undefined : exactValue(column.kind, value);
}

export function cellAlign<T>(column: Column<T>): 'left' | 'right' {
	return column.align ?? (column.kind ? 'right' : 'left');
}
