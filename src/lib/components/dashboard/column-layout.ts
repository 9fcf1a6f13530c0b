/**
 * The geometry of a column chart (vertical bars, series stacked) in pixels: drawn as plain SVG by
 * ColumnChart.svelte, which redraws in a few elements where a chart library's per-mark components cost a
 * filter change most of its main-thread time.
 */

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
	padding: { left: number; right: number; top: number; bottom: number };
	/** The gap between columns as a share of each column's band. */
	bandPadding: number;
	/** The most labelled columns on the axis. */
	maxTicks: number;
	/** A column's axis label, to space the labels so they do not overlap. */
	tickLabel: (key: string) => string;
	/** The width of one character of an axis label, in pixels. */
	charWidth?: number;
}

/**
 * About `count` round tick values spanning [min, max] (steps of 1, 2 or 5 times a power of ten), from the
 * multiple of the step at or below `min` to the one at or above `max`: the domain the axis is drawn over.
 */
export function niceTicks(min: number, max: number, count: number): number[] {
	if (!(max > min)) return [min];
	const rough = (max - min) / count;
	const power = 10 ** Math.floor(Math.log10(rough));
	const error = rough / power;
	const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
	const step = factor * power;
	const first = Math.floor(min / step);
	const last = Math.ceil(max / step);
	// Multiplying the step (rather than adding it up) keeps 0.1 × 3 from drifting to 0.30000000000000004.
	return Array.from({ length: last - first + 1 }, (_, i) => round((first + i) * step, step));
}

function round(value: number, step: number): number {
	const decimals = Math.max(0, -Math.floor(Math.log10(step)));
	return Number(value.toFixed(decimals));
}

export interface PlotBox {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** The plot of a `width` × `height` chart inside its `padding` (the axes' room), never inside out. */
export function plotBox(width: number, height: number, padding: ColumnLayoutOptions['padding']): PlotBox {
	return {
		left: padding.left,
		top: padding.top,
		right: Math.max(padding.left, width - padding.right),
		bottom: Math.max(padding.top, height - padding.bottom)
	};
}

/**
 * A value axis from zero through `low` and `high` on the plot's height: its nice ticks (about four) and the y
 * of a value, up from the plot's bottom.
 */
export function valueAxis(
	low: number,
	high: number,
	plot: PlotBox
): { ticks: number[]; y: (value: number) => number } {
	const ticks = niceTicks(Math.min(0, low), Math.max(0, high), 4);
	const [from, to] = [ticks[0], ticks.at(-1)!];
	const y = (value: number) =>
		to === from ? plot.bottom : plot.bottom - ((value - from) / (to - from)) * (plot.bottom - plot.top);
	return { ticks, y };
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
