/** What every chart's axes share: the plot inside the padding, and a value axis of round ticks from zero. */

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

/** A chart's room around its plot for the axes, in pixels. */
export interface Padding {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export interface PlotBox {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** The plot of a `width` × `height` chart inside its `padding` (the axes' room), never inside out. */
export function plotBox(width: number, height: number, padding: Padding): PlotBox {
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
