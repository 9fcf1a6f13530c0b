import { plotBox, valueAxis, type Padding, type PlotBox } from './chart-axis';

/**
 * The geometry of a trend (one measure over time, as an area over zero with a line on top) in pixels: drawn
 * as plain SVG by TrendChart.svelte. A chart library's components took 15–20 ms of each filter change on
 * the pages with a trend (Overview, Sales, Inventory); these paths are a few string joins.
 */

export interface TrendPoint {
	date: Date;
	value: number;
}

export interface TrendLayout {
	/** Each point's position, in the points' order. */
	points: { x: number; y: number }[];
	/** The line through the points (an SVG path), empty without points. */
	line: string;
	/** The line closed down to zero: the filled area. */
	area: string;
	/** The value axis: each tick's value and height. */
	yTicks: { value: number; y: number }[];
	/**
	 * The labelled points: index, and where the label goes: centred on its point, or, where that would cross
	 * the chart's edge, ending at it (or starting at it, on the left).
	 */
	xTicks: { index: number; x: number; anchor: 'start' | 'middle' | 'end' }[];
	/** The y of zero. */
	baseline: number;
	plot: PlotBox;
}

export interface TrendLayoutOptions {
	width: number;
	height: number;
	padding: Padding;
	/** A point's axis label. */
	tickLabel: (date: Date) => string;
	/** The least room between two labels' centres, in pixels. */
	tickSpacing: number;
	/**
	 * Whether only the first point of each month may carry a label (labels that name a month, on points a day
	 * or a week apart): `Jan 2024` then sits where January starts.
	 */
	monthStarts?: boolean;
	/** The width of one character of an axis label, in pixels. */
	charWidth?: number;
}

export function layoutTrend(points: readonly TrendPoint[], options: TrendLayoutOptions): TrendLayout {
	const { width, height, padding, tickLabel, tickSpacing, monthStarts = false, charWidth = 6 } = options;
	const plot = plotBox(width, height, padding);
	const values = points.map((point) => point.value).filter(Number.isFinite);
	const { ticks, y } = valueAxis(Math.min(...values), Math.max(...values), plot);
	const [first, last] = [points[0]?.date.getTime() ?? 0, points.at(-1)?.date.getTime() ?? 0];
	const x = (date: Date) =>
		last === first
			? (plot.left + plot.right) / 2
			: plot.left + ((date.getTime() - first) / (last - first)) * (plot.right - plot.left);
	const placed = points.map((point) => ({
		x: round(x(point.date)),
		y: round(y(Number.isFinite(point.value) ? point.value : 0))
	}));
	const line = placed.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
	const baseline = round(y(0));
	const area = placed.length ? `${line}L${placed.at(-1)!.x},${baseline}L${placed[0].x},${baseline}Z` : '';
	return {
		points: placed,
		line,
		area,
		yTicks: ticks.map((value) => ({ value, y: round(y(value)) })),
		xTicks: labelledPoints(points, placed, { tickLabel, tickSpacing, monthStarts, charWidth }).map((i) => {
			const half = (tickLabel(points[i].date).length * charWidth) / 2;
			const centre = placed[i].x;
			if (centre + half > width) return { index: i, x: width, anchor: 'end' as const };
			if (centre - half < 0) return { index: i, x: 0, anchor: 'start' as const };
			return { index: i, x: centre, anchor: 'middle' as const };
		}),
		baseline,
		plot
	};
}

/** The point nearest to `x` along the time axis; null without points. */
export function nearestPoint(layout: TrendLayout, x: number): number | null {
	let nearest: number | null = null;
	layout.points.forEach((point, i) => {
		if (nearest === null || Math.abs(point.x - x) < Math.abs(layout.points[nearest].x - x)) nearest = i;
	});
	return nearest;
}

/**
 * The points that carry a label: from the candidates (every point, or with `monthStarts` each month's first,
 * the first point only when it is a month's first day), each that lies `tickSpacing` and the widest label's
 * room past the last one kept, from the first.
 */
function labelledPoints(
	points: readonly TrendPoint[],
	placed: readonly { x: number }[],
	{
		tickLabel,
		tickSpacing,
		monthStarts,
		charWidth
	}: Omit<Required<TrendLayoutOptions>, 'width' | 'height' | 'padding'>
): number[] {
	const candidates = points.flatMap((point, i) => {
		if (!monthStarts) return [i];
		const starts = i === 0 ? point.date.getDate() === 1 : monthOf(points[i - 1].date) !== monthOf(point.date);
		return starts ? [i] : [];
	});
	if (candidates.length === 0) return [];
	const widest = Math.max(...candidates.map((i) => tickLabel(points[i].date).length)) * charWidth + 8;
	const room = Math.max(tickSpacing, widest);
	const kept: number[] = [];
	for (const i of candidates)
		if (kept.length === 0 || placed[i].x - placed[kept.at(-1)!].x >= room) kept.push(i);
	return kept;
}

function monthOf(date: Date): number {
	return date.getFullYear() * 12 + date.getMonth();
}

/** Two decimals: enough for a pixel, and short paths. */
function round(value: number): number {
	return Math.round(value * 100) / 100;
}
