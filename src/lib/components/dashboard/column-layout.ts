/**
 * The geometry of a column chart (vertical bars, series stacked) in pixels: drawn as plain SVG by
 * ColumnChart.svelte, which redraws in a few elements where a chart library's per-mark components cost a
 * filter change most of its main-thread time.
 */
import { plotBox, valueAxis, type Padding, type PlotBox } from './chart-axis';

export interface ColumnRow {
	key: string;
	/** One value per series, stacked in series order: positives up from zero, negatives down. */
	values: readonly number[];
}

export interface ColumnSegment {
	series: number;
	y: number;
	height: number;
}

export interface Column {
	key: string;
	x: number;
	width: number;
	segments: ColumnSegment[];
}

export interface ColumnLayout {
	columns: Column[];
	/** The value axis: each tick's value and height. */
	yTicks: { value: number; y: number }[];
	/**
	 * The labelled columns: key, and where the label goes: centred on its column, or, where that would cross
	 * the chart's edge, ending at it (or starting at it, on the left).
	 */
	xTicks: { key: string; x: number; anchor: 'start' | 'middle' | 'end' }[];
	/** The y of zero. */
	baseline: number;
	/** The width of one column's band (column plus its gap), for hit-testing a pointer. */
	step: number;
	plot: PlotBox;
}

export interface ColumnLayoutOptions {
	width: number;
	height: number;
	padding: Padding;
	/** The gap between columns as a share of each column's band. */
	bandPadding: number;
	/** The most labelled columns on the axis. */
	maxTicks: number;
	/** A column's axis label, to space the labels so they do not overlap. */
	tickLabel: (key: string) => string;
	/** The width of one character of an axis label, in pixels. */
	charWidth?: number;
}

export function layoutColumns(rows: readonly ColumnRow[], options: ColumnLayoutOptions): ColumnLayout {
	const { width, height, padding, bandPadding, maxTicks, tickLabel, charWidth = 6 } = options;
	const plot = plotBox(width, height, padding);
	const stacks = rows.map((row) => stackOf(row.values));
	const { ticks, y } = valueAxis(
		Math.min(...stacks.map((s) => s.low)),
		Math.max(...stacks.map((s) => s.high)),
		plot
	);
	const step = rows.length ? (plot.right - plot.left) / rows.length : 0;
	const columnWidth = step * (1 - bandPadding);
	const columns = rows.map((row, i) => ({
		key: row.key,
		x: plot.left + i * step + (step - columnWidth) / 2,
		width: columnWidth,
		segments: stacks[i].segments.map(({ series, start, end }) => ({
			series,
			y: y(Math.max(start, end)),
			height: Math.abs(y(start) - y(end))
		}))
	}));
	return {
		columns,
		yTicks: ticks.map((value) => ({ value, y: y(value) })),
		xTicks: labelledColumns(rows, step, maxTicks, tickLabel, charWidth).map((i) => {
			const centre = plot.left + (i + 0.5) * step;
			const half = (tickLabel(rows[i].key).length * charWidth) / 2;
			if (centre + half > width) return { key: rows[i].key, x: width, anchor: 'end' as const };
			if (centre - half < 0) return { key: rows[i].key, x: 0, anchor: 'start' as const };
			return { key: rows[i].key, x: centre, anchor: 'middle' as const };
		}),
		baseline: y(0),
		step,
		plot
	};
}

/** Each value's span on the stack: positives piled up from zero, negatives down, in series order. */
function stackOf(values: readonly number[]) {
	let up = 0;
	let down = 0;
	const segments: { series: number; start: number; end: number }[] = [];
	values.forEach((value, series) => {
		if (!Number.isFinite(value) || value === 0) return;
		const start = value > 0 ? up : down;
		if (value > 0) up += value;
		else down += value;
		segments.push({ series, start, end: start + value });
	});
	return { segments, low: down, high: up };
}

/**
 * Every n-th column from the first, n the smallest stride that keeps to `maxTicks` labels and leaves the
 * widest label room between its neighbours' centres.
 */
function labelledColumns(
	rows: readonly ColumnRow[],
	step: number,
	maxTicks: number,
	tickLabel: (key: string) => string,
	charWidth: number
): number[] {
	if (rows.length === 0 || step <= 0) return [];
	const widest = Math.max(...rows.map((row) => tickLabel(row.key).length)) * charWidth + 8;
	const stride = Math.max(1, Math.ceil(rows.length / maxTicks), Math.ceil(widest / step));
	return rows.flatMap((_, i) => (i % stride === 0 ? [i] : []));
}
