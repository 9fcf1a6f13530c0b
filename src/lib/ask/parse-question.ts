import type { KpiFilters } from '../analytics/filters';
import { findTimeRanges } from './time-range';
import {
	CATEGORY_ALIASES,
	CITY_ALIASES,
	METRIC_LABELS,
	normalise,
	NUMBER_WORDS,
	PHRASES,
	STOPWORDS,
	type DataVocabulary,
	type Dimension,
	type Grain,
	type Meaning,
	type Metric
} from './vocabulary';

/**
 * "Ask the data": a deterministic reading of a question (no language model, no network) into a metric,
 * a breakdown or a trend, filters and a time range. Phrases are matched longest first; a word one or two
 * letters off a known one is read as it and said so; anything else is reported as not understood.
 */
export type Intent = 'kpi' | 'breakdown' | 'trend' | 'stock' | 'delivery' | 'anomalies' | 'fraud';

export interface Interpretation {
	intent: Intent;
	metric: Metric;
	dimension: Dimension | null;
	grain: Grain | null;
	top: { n: number; order: 'desc' | 'asc' } | null;
	/** The dashboards' filters the question sets (flagged quantity spikes are always left out). */
	filters: KpiFilters;
	/** How the time range was read; null when the question names none (all the data). */
	timeLabel: string | null;
	/** Whether to compare with the period before (a KPI with both dates). */
	compare: boolean;
}

export interface ParsedQuestion {
	/** Null when nothing in the question names a measure, a breakdown, a place or a time. */
	interpretation: Interpretation | null;
	/** Words read as a near vocabulary word. */
	corrections: { word: string; as: string }[];
	/** Words (or readings) not understood, or understood but not used, with why. */
	notUnderstood: string[];
	/** What to try instead. */
	suggestions: string[];
}

export const EXAMPLE_QUESTIONS = [
	'revenue in Pune last 90 days by category',
	'top 10 products by units in 2025',
	'stockouts in Delhi',
	'online orders by month this year',
	'average order value by city in Q4 2025',
	'anomalies last 30 days'
];

interface Token {
	word: string;
	start: number;
	end: number;
}

/** Every phrase the question can use, with the data's cities and categories. */
function dictionary(vocabulary: DataVocabulary): Map<string, Meaning> {
	const phrases = new Map<string, Meaning>(PHRASES);
	const categories = new Set(vocabulary.categories);
	for (const city of vocabulary.cities) phrases.set(normalise(city), { kind: 'city', city });
	for (const [alias, city] of Object.entries(CITY_ALIASES)) {
		if (vocabulary.cities.includes(city)) phrases.set(alias, { kind: 'city', city });
	}
	for (const category of vocabulary.categories) {
		phrases.set(normalise(category), { kind: 'category', category });
		phrases.set(normalise(category).replace(/ and /g, ' '), { kind: 'category', category });
	}
	for (const [alias, category] of Object.entries(CATEGORY_ALIASES)) {
		if (categories.has(category) && !phrases.has(alias)) phrases.set(alias, { kind: 'category', category });
	}
	phrases.set('store', { kind: 'channel', channel: 'pos' });
	return phrases;
}

/** Edit distance counting a swap of neighbouring letters as one edit (optimal string alignment), capped: stops counting past `limit`. */
function distance(a: string, b: string, limit: number): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				current[j] = Math.min(current[j], before[j - 2] + 1);
			best = Math.min(best, current[j]);
		}
		if (best > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length];
}

/** The one-word phrase with the same first letter nearest to `word` within the allowed typo distance, if exactly one is. */
function nearest(word: string, phrases: Map<string, Meaning>, limit: number): string | null {
	if (word.length < 4 || /\d/.test(word)) return null;
	let best: string | null = null;
	let bestDistance = limit + 1;
	let tie = false;
	for (const phrase of phrases.keys()) {
		// People rarely mistype a word's first letter; allowing it turns "meaning" into "leading".
		if (phrase.includes(' ') || phrase.length < 3 || phrase[0] !== word[0]) continue;
		const d = distance(word, phrase, limit);
		if (d < bestDistance) {
			best = phrase;
			bestDistance = d;
			tie = false;
		} else if (d === bestDistance && best !== null && phrases.get(phrase)?.kind !== phrases.get(best)?.kind) {
			tie = true;
		}
	}
	return best !== null && !tie && bestDistance <= limit ? best : null;
}

const MAX_PHRASE_WORDS = 4;

export function parseQuestion(question: string, vocabulary: DataVocabulary): ParsedQuestion {
	const text = normalise(question);
	const phrases = dictionary(vocabulary);
	const notUnderstood: string[] = [];
	const corrections: { word: string; as: string }[] = [];

	const times = findTimeRanges(text, vocabulary);
	if (times.length > 1) {
		notUnderstood.push(
			`a second time range ("${text.slice(times[1].start, times[1].end)}"): one period at a time, so the first was used`
		);
	}
	const tokens: Token[] = [];
	for (const match of text.matchAll(/\S+/g)) {
		const start = match.index ?? 0;
		const end = start + match[0].length;
		if (times.some((t) => start >= t.start && end <= t.end)) continue;
		tokens.push({ word: match[0], start, end });
	}

	const meanings: Meaning[] = [];
	let topN: number | null = null;
	for (let i = 0; i < tokens.length;) {
		let matched = 0;
		for (let length = Math.min(MAX_PHRASE_WORDS, tokens.length - i); length >= 1 && matched === 0; length--) {
			const span = tokens.slice(i, i + length);
			// Words of a phrase are neighbours in the question (no time expression between them).
			if (span.some((t, k) => k > 0 && t.start !== span[k - 1].end + 1)) continue;
			const meaning = phrases.get(span.map((t) => t.word).join(' '));
			if (meaning) {
				meanings.push(meaning);
				matched = length;
			}
		}
		if (matched > 0) {
			i += matched;
			continue;
		}
		const { word } = tokens[i];
		const number = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
		if (number !== undefined && meanings.at(-1)?.kind === 'rank' && topN === null) {
			topN = number;
		} else if (!STOPWORDS.has(word)) {
			const near = nearest(word, phrases, word.length >= 7 ? 2 : 1);
			if (near) {
				corrections.push({ word, as: near });
				meanings.push(phrases.get(near)!);
			} else {
				notUnderstood.push(`"${word}"`);
			}
		}
		i++;
	}

	const first = <K extends Meaning['kind']>(kind: K) =>
		meanings.filter((m): m is Extract<Meaning, { kind: K }> => m.kind === kind);
	const metrics = [...new Set(first('metric').map((m) => m.metric))];
	const dimensions = [...new Set(first('dimension').map((m) => m.dimension))];
	const cities = [...new Set(first('city').map((m) => m.city))];
	const categories = [...new Set(first('category').map((m) => m.category))];
	const channels = [...new Set(first('channel').map((m) => m.channel))];
	const grains = first('grain').map((m) => m.grain);
	const rank = first('rank')[0];
	const bestSelling = first('best_selling').length > 0;
	const trend = first('trend').length > 0 || grains.length > 0;
	const time = times[0]?.range;

	const skipped = (what: string, used: string, values: readonly string[]) => {
		if (values.length > 1) {
			notUnderstood.push(`${values.slice(1).join(', ')}: one ${what} at a time, so ${used} was used`);
		}
	};
	skipped(
		'measure',
		metrics[0],
		metrics.map((m) => METRIC_LABELS[m].toLowerCase())
	);
	skipped('city', cities[0], cities);
	skipped('category', categories[0], categories);
	if (channels.length > 1) notUnderstood.push('both channels named: the question is answered for both');
	// A dimension named as a filter value's kind ("the city Pune") is not a breakdown.
	const dimension =
		dimensions.find(
			(d) => !(d === 'city' && cities.length > 0) && !(d === 'category' && categories.length > 0)
		) ?? null;
	const otherDimensions = dimensions.filter(
		(d) =>
			d !== dimension && !(d === 'city' && cities.length > 0) && !(d === 'category' && categories.length > 0)
	);
	if (dimension && otherDimensions.length > 0) {
		notUnderstood.push(`${otherDimensions.join(', ')}: one breakdown at a time, so ${dimension} was used`);
	}

	const anything =
		metrics.length + dimensions.length + cities.length + categories.length + channels.length > 0 ||
		time !== undefined ||
		trend ||
		rank !== undefined ||
		bestSelling;
	if (!anything) {
		return {
			interpretation: null,
			corrections,
			notUnderstood,
			suggestions: suggestionsFor(notUnderstood, phrases)
		};
	}

	const metric: Metric = metrics[0] ?? (bestSelling ? 'units' : 'revenue');
	const filters: KpiFilters = {};
	if (time?.from) filters.from = time.from;
	if (time?.to) filters.to = time.to;
	if (cities[0]) filters.city = cities[0];
	if (channels.length === 1) filters.channel = channels[0];
	if (categories[0]) filters.category = categories[0];
	const top =
		rank || bestSelling || topN !== null
			? { n: Math.max(1, Math.min(50, topN ?? 10)), order: rank?.order ?? ('desc' as const) }
			: null;
	const commercial = !['stockouts', 'reorder', 'on_time', 'delivery_days', 'anomalies', 'fraud'].includes(
		metric
	);
	let intent: Intent;
	let breakdown: Dimension | null = dimension;
	if (metric === 'anomalies' || metric === 'fraud') intent = metric;
	else if (metric === 'stockouts' || metric === 'reorder') intent = 'stock';
	else if (metric === 'on_time' || metric === 'delivery_days') intent = 'delivery';
	else if (trend && !dimension) intent = 'trend';
	else if (dimension || top) {
		intent = 'breakdown';
		breakdown = dimension ?? 'product';
	} else intent = 'kpi';
	const grain: Grain | null = intent === 'trend' ? (grains[0] ?? defaultGrain(filters, vocabulary)) : null;
	if (trend && intent !== 'trend')
		notUnderstood.push('a trend over time together with a breakdown: the breakdown was shown');
	if (!commercial && top && !['stock', 'anomalies', 'fraud'].includes(intent)) {
		notUnderstood.push('a ranking of that measure');
	}
	return {
		interpretation: {
			intent,
			metric,
			dimension: breakdown,
			grain,
			top: intent === 'breakdown' || intent === 'stock' ? top : null,
			filters,
			timeLabel: time?.label ?? null,
			compare: first('compare').length > 0 && intent === 'kpi'
		},
		corrections,
		notUnderstood,
		suggestions: notUnderstood.length > 0 ? suggestionsFor(notUnderstood, phrases) : []
	};
}

/** A trend's period: days for a month or less, weeks up to half a year, else months. */
function defaultGrain(filters: KpiFilters, vocabulary: DataVocabulary): Grain {
	const from = filters.from ?? vocabulary.dataStart;
	const to = filters.to ?? vocabulary.dataEnd;
	const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
	return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** Near words for the words not understood ("Did you mean …"), then example questions. */
function suggestionsFor(notUnderstood: string[], phrases: Map<string, Meaning>): string[] {
	const hints: string[] = [];
	for (const item of notUnderstood) {
		const word = /^"(.+)"$/.exec(item)?.[1];
		if (!word) continue;
		const near = nearest(word, phrases, 3);
		if (near) hints.push(`Did you mean "${near}" for "${word}"?`);
	}
	return [...hints, ...EXAMPLE_QUESTIONS.slice(0, 4).map((q) => `Try: ${q}`)];
}
