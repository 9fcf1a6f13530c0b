import { addDays, isIsoDate } from '../filters/url-filters';
import { normalise, NUMBER_WORDS, type DataVocabulary } from './vocabulary';

/**
 * Time expressions in a normalised question, counted back from the last day with sales (as the date
 * presets are), never from today: "last 90 days" is the 90 days ending on that day.
 */
export interface TimeRange {
	from?: string;
	to?: string;
	/** How the range was read, for the answer: "the last 90 days (3 Oct – 31 Dec 2025)". */
	label: string;
}

export interface TimeMatch {
	range: TimeRange;
	/** Character span of the expression in the normalised text. */
	start: number;
	end: number;
}

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];
const MONTH_PATTERN = `(${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join('|')}|sept)`;
const NUMBER_PATTERN = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const DATE = '(\\d{4}-\\d{2}-\\d{2})';

function monthIndex(word: string): number {
	return MONTHS.findIndex((m) => m === word || m.slice(0, 3) === word.slice(0, 3));
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
	return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function monthRange(year: number, month: number): { from: string; to: string } {
	return { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
}

function toNumber(word: string): number {
	return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
}

/** `YYYY-MM-DD` moved by `months` calendar months, the day clamped to the month's length. */
function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number);
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = Number(lastDayOfMonth(year, month).slice(8));
	return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

interface Rule {
	pattern: RegExp;
	read(match: RegExpExecArray, vocabulary: DataVocabulary): TimeRange | null;
}

const RULES: Rule[] = [
	{
		pattern: new RegExp(`\\b(?:from|between) ${DATE} (?:to|and|until|till) ${DATE}\\b`),
		read: ([, from, to]) =>
			isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to, label: `${from} to ${to}` } : null
	},
	{
		pattern: new RegExp(`\\bsince ${DATE}\\b`),
		read: ([, from], { dataEnd }) => (isIsoDate(from) ? { from, to: dataEnd, label: `since ${from}` } : null)
	},
	{
		pattern: new RegExp(`\\b(?:on )?${DATE}\\b`),
		read: ([, day]) => (isIsoDate(day) ? { from: day, to: day, label: `on ${day}` } : null)
	},
	{
		pattern: new RegExp(
			`\\b(?:in |during |for |over )?(?:the )?(?:last|past|previous) ${NUMBER_PATTERN} (days?|weeks?|months?|years?)\\b`
		),
		read: ([, amount, unit], { dataEnd }) => {
			const n = toNumber(amount);
			if (!(n >= 1) || n > 3660) return null;
			const from = unit.startsWith('day')
				? addDays(dataEnd, -(n - 1))
				: unit.startsWith('week')
					? addDays(dataEnd, -(7 * n - 1))
					: addDays(addMonths(dataEnd, unit.startsWith('month') ? -n : -12 * n), 1);
			return { from, to: dataEnd, label: `the last ${n} ${unit.replace(/s$/, '')}${n === 1 ? '' : 's'}` };
		}
	},
	{
		pattern: /\b(?:in |during |for )?(?:the )?(last|this|previous|current) (week|month|quarter|year)\b/,
		read: ([, which, unit], { dataEnd }) => {
			const [y, m] = dataEnd.split('-').map(Number);
			const previous = which === 'last' || which === 'previous';
			if (unit === 'week') {
				const weekday = (new Date(`${dataEnd}T00:00:00Z`).getUTCDay() + 6) % 7;
				const monday = addDays(dataEnd, -weekday);
				return previous
					? { from: addDays(monday, -7), to: addDays(monday, -1), label: 'last week' }
					: { from: monday, to: dataEnd, label: 'this week' };
			}
			if (unit === 'month') {
				return previous
					? { ...monthRange(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1), label: 'last month' }
					: { from: `${y}-${pad(m)}-01`, to: dataEnd, label: 'this month' };
			}
			if (unit === 'quarter') {
				const q = Math.floor((m - 1) / 3);
				if (!previous) return { from: `${y}-${pad(q * 3 + 1)}-01`, to: dataEnd, label: 'this quarter' };
				const [py, pq] = q === 0 ? [y - 1, 3] : [y, q - 1];
				return {
					from: `${py}-${pad(pq * 3 + 1)}-01`,
					to: lastDayOfMonth(py, pq * 3 + 3),
					label: 'last quarter'
				};
			}
			return previous
				? { from: `${y - 1}-01-01`, to: `${y - 1}-12-31`, label: `last year (${y - 1})` }
				: { from: `${y}-01-01`, to: dataEnd, label: `this year (${y})` };
		}
	},
	{
		pattern: /\b(?:year to date|ytd|this year so far)\b/,
		read: (_, { dataEnd }) => ({
			from: `${dataEnd.slice(0, 4)}-01-01`,
			to: dataEnd,
			label: 'the year to date'
		})
	},
	{
		pattern: /\b(?:in |during |for )?q([1-4]) (\d{4})\b|\b(?:in |during |for )?(\d{4}) q([1-4])\b/,
		read: (match) => {
			const q = Number(match[1] ?? match[4]);
			const year = Number(match[2] ?? match[3]);
			return {
				from: `${year}-${pad(q * 3 - 2)}-01`,
				to: lastDayOfMonth(year, q * 3),
				label: `Q${q} ${year}`
			};
		}
	},
	{
		pattern: new RegExp(`\\b(?:in |during |for )?${MONTH_PATTERN} (\\d{4})\\b`),
		read: ([, month, year]) => {
			const m = monthIndex(month) + 1;
			return {
				...monthRange(Number(year), m),
				label: `${MONTHS[m - 1][0].toUpperCase()}${MONTHS[m - 1].slice(1)} ${year}`
			};
		}
	},
	{
		pattern: new RegExp(`\\b(?:in|during|for) ${MONTH_PATTERN}\\b`),
		read: ([, month], { dataEnd }) => {
			const m = monthIndex(month) + 1;
			// The latest such month that has begun by the last day of data.
			const [y, em] = dataEnd.split('-').map(Number);
			const year = m <= em ? y : y - 1;
			return {
				...monthRange(year, m),
				label: `${MONTHS[m - 1][0].toUpperCase()}${MONTHS[m - 1].slice(1)} ${year}`
			};
		}
	},
	{
		pattern: /\b(?:in |during |for )?((?:19|20)\d{2})\b/,
		read: ([, year]) => ({ from: `${year}-01-01`, to: `${year}-12-31`, label: year })
	},
	{
		pattern: /\b(yesterday|today|latest day|last day)\b/,
		read: ([, word], { dataEnd }) =>
			word === 'yesterday'
				? {
						from: addDays(dataEnd, -1),
						to: addDays(dataEnd, -1),
						label: 'the day before the last day of data'
					}
				: { from: dataEnd, to: dataEnd, label: 'the last day of data' }
	},
	{
		pattern: /\b(?:all time|ever|since the start|since the beginning|whole period|all years|overall)\b/,
		read: () => ({ label: 'all the data' })
	}
];

/** Festival days of the data by name: "on Diwali 2024", or the latest "Diwali". */
function festivalRule(vocabulary: DataVocabulary): Rule | null {
	const names = [...new Set(vocabulary.festivals.map((f) => normalise(f.name)))].filter(Boolean);
	if (names.length === 0) return null;
	const escaped = names.map((n) => n.replace(/[-]/g, '\\-'));
	return {
		pattern: new RegExp(`\\b(?:on |during |for )?(${escaped.join('|')})(?: (\\d{4}))?\\b`),
		read: ([, name, year], { festivals, dataEnd }) => {
			const days = festivals
				.filter((f) => normalise(f.name) === name)
				.filter((f) => (year ? f.date.startsWith(year) : f.date <= dataEnd))
				.sort((a, b) => a.date.localeCompare(b.date));
			const day = days.at(-1);
			return day ? { from: day.date, to: day.date, label: `${day.name} (${day.date})` } : null;
		}
	};
}

/** Every time expression of the text, earliest first, none overlapping another. */
export function findTimeRanges(text: string, vocabulary: DataVocabulary): TimeMatch[] {
	const found: TimeMatch[] = [];
	const festival = festivalRule(vocabulary);
	for (const rule of festival ? [festival, ...RULES] : RULES) {
		const pattern = new RegExp(rule.pattern.source, 'g');
		for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
			const start = match.index;
			const end = start + match[0].length;
			if (found.some((f) => start < f.end && f.start < end)) continue;
			const range = rule.read(match, vocabulary);
			if (range) found.push({ range, start, end });
		}
	}
	return found.sort((a, b) => a.start - b.start);
}
