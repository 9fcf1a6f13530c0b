/** The dashboards' filters as they live in the URL: `?from=…&to=…&city=…&channel=…&category=…&spikes=include`. */

export const CHANNELS = ['pos', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface DashboardFilters {
	/** First day shown, `YYYY-MM-DD`, inclusive. */
	from?: string;
	/** Last day shown, `YYYY-MM-DD`, inclusive. */
	to?: string;
	city?: string;
	channel?: Channel;
	category?: string;
	/**
	 * `include` keeps the sales lines flagged as quantity spikes (check 6: kept in Gold, flagged); they are
	 * data defects, so every page leaves them out unless asked.
	 */
	spikes?: 'include';
}

/** A change to the filters, or filters as a form holds them: a key that is undefined or '' is not set. */
export type DashboardFiltersPatch = { [K in keyof DashboardFilters]?: DashboardFilters[K] | '' };

/** The search params the filters own, in the order they are written. */
export const FILTER_KEYS = ['from', 'to', 'city', 'channel', 'category', 'spikes'] as const;

export const PRESETS = ['last30', 'last90', 'ytd', 'all'] as const;
export type Preset = (typeof PRESETS)[number];

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real calendar date `YYYY-MM-DD`; null for anything else (2023-02-29 included). */
function toDay(date: string): number | null {
	const match = ISO_DATE.exec(date);
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day);
	return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
}

function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function requireDay(date: string): number {
	const day = toDay(date);
	if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
	return day;
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
	return toDay(date) !== null;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
	return fromDay(requireDay(date) + days);
}

function text(value: string | null): string | undefined {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}

/** Whether `value` is one of the channels the filter knows. */
export function isChannel(value: string | undefined): value is Channel {
	return (CHANNELS as readonly (string | undefined)[]).includes(value);
}

/** Reads the filters from search params, dropping what is not valid: bad dates, unknown channels, from after to. */
export function parseFilters(params: URLSearchParams): DashboardFilters {
	const filters: DashboardFilters = {};
	let from = text(params.get('from'));
	let to = text(params.get('to'));
	if (from !== undefined && !isIsoDate(from)) from = undefined;
	if (to !== undefined && !isIsoDate(to)) to = undefined;
	if (from !== undefined && to !== undefined && from > to) from = to = undefined;
	if (from) filters.from = from;
	if (to) filters.to = to;
	const city = text(params.get('city'));
	if (city) filters.city = city;
	const channel = text(params.get('channel'));
	if (isChannel(channel)) filters.channel = channel;
	const category = text(params.get('category'));
	if (category) filters.category = category;
	if (params.get('spikes') === 'include') filters.spikes = 'include';
	return filters;
}

/**
 * Writes the filters over `base`: its other params keep their order, the filters follow in `FILTER_KEYS`
 * order, and empty ones are left out.
 */
export function filtersToParams(filters: DashboardFiltersPatch, base?: URLSearchParams): URLSearchParams {
	const params = new URLSearchParams(base);
	for (const key of FILTER_KEYS) params.delete(key);
	for (const key of FILTER_KEYS) {
		const value = filters[key]?.trim();
		if (value) params.append(key, value);
	}
	return params;
}

/** A preset's dates, counted back from `dataEnd` (the last day in the data, not today); `all` sets none. */
export function resolvePreset(preset: Preset, dataEnd: string): { from?: string; to?: string } {
	requireDay(dataEnd);
	switch (preset) {
		case 'last30':
			return { from: addDays(dataEnd, -29), to: dataEnd };
		case 'last90':
			return { from: addDays(dataEnd, -89), to: dataEnd };
		case 'ytd':
			return { from: `${dataEnd.slice(0, 4)}-01-01`, to: dataEnd };
		case 'all':
			return {};
	}
}

/** The period of the same number of days that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
	const start = requireDay(from);
	const end = requireDay(to);
	if (start > end) throw new RangeError(`The period starts (${from}) after it ends (${to}).`);
	return { from: fromDay(start - (end - start + 1)), to: fromDay(start - 1) };
}
