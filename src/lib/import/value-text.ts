import type { BronzeType } from '../contracts/raw-contracts';

/** Which part of a `a/b/c` date is the day, the month and the year. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
	ymd: 'YYYY-MM-DD (ISO)',
	dmy: 'DD/MM/YYYY',
	mdy: 'MM/DD/YYYY'
};

/** How a file writes its values, for turning them into the contract's text. */
export interface ValueConventions {
	dateOrder: DateOrder;
	/** `1.234,56`: a comma before the decimals, dots (or spaces) between thousands. */
	decimalComma: boolean;
}

/** A converted value, or the value unchanged and why it could not be converted. */
export type Converted = { text: string; problem?: undefined } | { text: string; problem: string };

const DATE_PARTS =
	/^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?\s*([AaPp][Mm])?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A source value as the contract writes it (docs/import.md "Values"): dates and timestamps as
 * `YYYY-MM-DD[ HH:MM:SS]` from the chosen order (a four-digit first part is always ISO), numbers without
 * currency symbols, thousands separators or a decimal comma. A value that cannot be converted is kept as it
 * is, with the reason, so that Bronze rejects its row with that value shown.
 */
export function convertValue(type: BronzeType, text: string, conventions: ValueConventions): Converted {
	const trimmed = text.trim();
	switch (type) {
		case 'VARCHAR':
			return { text: trimmed };
		case 'DATE':
		case 'TIMESTAMP':
			return convertDate(type, trimmed, conventions.dateOrder);
		case 'INTEGER': {
			const number = plainNumber(trimmed, conventions.decimalComma);
			if (number === null) return { text, problem: 'is not an integer' };
			const [whole, fraction = ''] = number.split('.');
			if (/[1-9]/.test(fraction)) return { text, problem: 'is not an integer' };
			return { text: whole === '-0' ? '0' : whole };
		}
		default: {
			const number = plainNumber(trimmed, conventions.decimalComma);
			return number === null ? { text, problem: 'is not a number' } : { text: number };
		}
	}
}

function convertDate(type: 'DATE' | 'TIMESTAMP', text: string, order: DateOrder): Converted {
	const expected = type === 'DATE' ? 'is not a date' : 'is not a timestamp';
	const match = DATE_PARTS.exec(text);
	if (!match) return { text, problem: `${expected} in any supported format` };
	const [, a, b, c, hh, mm, ss, fraction, meridiem] = match;
	let year: string, month: string, day: string;
	if (a.length === 4) [year, month, day] = [a, b, c];
	else if (order === 'ymd') {
		return { text, problem: `${expected} (not YYYY-MM-DD: choose DD/MM/YYYY or MM/DD/YYYY)` };
	} else {
		[day, month] = order === 'dmy' ? [a, b] : [b, a];
		year = c.length === 2 ? `20${c}` : c;
	}
	if (year.length !== 4 || !realDate(+year, +month, +day)) {
		return {
			text,
			problem: `${expected} (${order === 'ymd' || a.length === 4 ? 'YYYY-MM-DD' : order === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'})`
		};
	}
	const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	if (hh === undefined) return { text: date };
	let hour = +hh;
	if (meridiem) {
		if (hour < 1 || hour > 12)
			return { text, problem: `${expected}: ${hh} is not an hour on a 12-hour clock` };
		hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
	}
	if (hour > 23 || +mm > 59 || +(ss ?? 0) > 59)
		return { text, problem: `${expected}: the time is not a real time` };
	const time = `${String(hour).padStart(2, '0')}:${mm}:${ss ?? '00'}${fraction ?? ''}`;
	if (type === 'DATE') return { text: date };
	return { text: `${date} ${time}` };
}

function realDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const days =
		month === 2
			? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
				? 29
				: 28
			: [4, 6, 9, 11].includes(month)
				? 30
				: 31;
	return day <= days;
}

const CURRENCY = /^(?:₹|rs\.?|inr|us\$|\$|usd|£|gbp|€|eur|¥)\s*|\s*(?:₹|rs\.?|inr|\$|usd|£|gbp|€|eur|¥)$/gi;

/**
 * A number's text as `-123.45`, from `₹1,23,456.50`, `$ 1,234`, `1.234,5` (decimal comma), `(12.00)`
 * (negative in accounting style), `1 234,50`; or null when it is not a number.
 */
export function plainNumber(text: string, decimalComma: boolean): string | null {
	let value = text.replace(CURRENCY, '').trim();
	let negative = false;
	if (/^\(.*\)$/.test(value)) [negative, value] = [true, value.slice(1, -1).trim()];
	if (value.startsWith('-') || value.startsWith('+')) {
		negative = negative !== value.startsWith('-');
		value = value.slice(1).replace(CURRENCY, '').trim();
	}
	const [thousands, decimal] = decimalComma ? [/[.\s\u00a0\u202f']/g, ','] : [/[,\s\u00a0\u202f']/g, '.'];
	if (!groupedRight(value.split(decimal)[0], thousands)) return null;
	value = value.replace(thousands, '');
	if (decimal === ',') value = value.replace(',', '.');
	if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
	if (value.startsWith('.')) value = `0${value}`;
	if (value.endsWith('.')) value = value.slice(0, -1);
	return negative && /[1-9]/.test(value) ? `-${value}` : value;
}

/**
 * Whether the integer part's thousands separators (if any) stand between groups of digits: three after
 * the last, two or three (Indian `1,23,456`) between. `1.5` read with a decimal comma, or `1,5` without,
 * is not 15: it is a number written in the other convention, so it is refused rather than misread.
 */
function groupedRight(integerPart: string, thousands: RegExp): boolean {
	const groups = integerPart.split(thousands);
	if (groups.length === 1) return true;
	return groups.every((group, i) =>
		i === 0
			? /^\d{1,3}$/.test(group)
			: i === groups.length - 1
				? /^\d{3}$/.test(group)
				: /^\d{2,3}$/.test(group)
	);
}

/**
 * The date order of a column's values: ISO when every value starts with a four-digit year; DD/MM when some
 * first part is over 12, MM/DD when some second part is; `ambiguous` when every value fits both (then the
 * user is asked: a guess could swap days and months silently); `conflicting` when values prove both.
 */
export function detectDateOrder(values: readonly string[]): {
	order: DateOrder | null;
	ambiguous: boolean;
	conflicting: boolean;
} {
	let dmy = false;
	let mdy = false;
	let nonIso = false;
	for (const value of values) {
		const match = DATE_PARTS.exec(value.trim());
		if (!match || match[1].length === 4) continue;
		nonIso = true;
		if (+match[1] > 12) dmy = true;
		if (+match[2] > 12) mdy = true;
	}
	if (!nonIso) return { order: 'ymd', ambiguous: false, conflicting: false };
	if (dmy && mdy) return { order: null, ambiguous: false, conflicting: true };
	if (dmy) return { order: 'dmy', ambiguous: false, conflicting: false };
	if (mdy) return { order: 'mdy', ambiguous: false, conflicting: false };
	return { order: null, ambiguous: true, conflicting: false };
}

/** Whether numbers are written with a decimal comma: some end in `,d` or `,dd` and none in `.d` or `.dd`. */
export function detectDecimalComma(values: readonly string[]): boolean {
	let comma = 0;
	for (const value of values) {
		const trimmed = value.trim();
		if (/\.\d{1,2}$/.test(trimmed) && !/,/.test(trimmed)) return false;
		if (/\d,\d{1,2}$/.test(trimmed)) comma++;
	}
	return comma > 0;
}
