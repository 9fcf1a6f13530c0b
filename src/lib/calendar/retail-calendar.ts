import { civilDate, dayNumber, daysInMonth, formatDate, parseIsoDate } from './dates';

/**
 * Indian festivals on their real dates for 2022–2027 (lunar festivals move every year), with the demand
 * lift the generator applies on the day and whether parcels congest around it. Dates are the main day
 * as observed in India (Diwali = Lakshmi Puja, Holi = Dhulandi, Dussehra = Vijayadashami).
 */
export const CALENDAR_FIRST_YEAR = 2022;
export const CALENDAR_LAST_YEAR = 2027;

interface FestivalDefinition {
	name: string;
	/** Demand multiplier on the festival day, both channels. */
	lift: number;
	/** Parcels shipped around the day take longer. */
	congests: boolean;
	/** One `YYYY-MM-DD` per year 2022…2027, or `MM-DD` for a fixed date. */
	dates: readonly string[] | string;
}

const FESTIVALS: readonly FestivalDefinition[] = [
	{
		name: 'Makar Sankranti',
		lift: 1.15,
		congests: false,
		dates: ['2022-01-14', '2023-01-15', '2024-01-15', '2025-01-14', '2026-01-14', '2027-01-15']
	},
	{ name: 'Republic Day', lift: 1.2, congests: false, dates: '01-26' },
	{
		name: 'Holi',
		lift: 1.35,
		congests: true,
		dates: ['2022-03-18', '2023-03-08', '2024-03-25', '2025-03-14', '2026-03-04', '2027-03-22']
	},
	{
		name: 'Eid al-Fitr',
		lift: 1.3,
		congests: false,
		dates: ['2022-05-03', '2023-04-22', '2024-04-11', '2025-03-31', '2026-03-21', '2027-03-10']
	},
	{
		name: 'Raksha Bandhan',
		lift: 1.3,
		congests: true,
		dates: ['2022-08-11', '2023-08-30', '2024-08-19', '2025-08-09', '2026-08-28', '2027-08-17']
	},
	{ name: 'Independence Day', lift: 1.2, congests: false, dates: '08-15' },
	{
		name: 'Ganesh Chaturthi',
		lift: 1.25,
		congests: false,
		dates: ['2022-08-31', '2023-09-19', '2024-09-07', '2025-08-27', '2026-09-14', '2027-09-04']
	},
	{
		name: 'Dussehra',
		lift: 1.5,
		congests: true,
		dates: ['2022-10-05', '2023-10-24', '2024-10-12', '2025-10-02', '2026-10-20', '2027-10-09']
	},
	{
		name: 'Dhanteras',
		lift: 1.8,
		congests: true,
		dates: ['2022-10-23', '2023-11-10', '2024-10-29', '2025-10-18', '2026-11-06', '2027-10-27']
	},
	{
		name: 'Diwali',
		lift: 2,
		congests: true,
		dates: ['2022-10-24', '2023-11-12', '2024-11-01', '2025-10-20', '2026-11-08', '2027-10-29']
	},
	{ name: 'Christmas', lift: 1.4, congests: true, dates: '12-25' }
];

/** Days before and after a congesting festival on which carriers run late. */
const CONGESTION_DAYS_BEFORE = 2;
const CONGESTION_DAYS_AFTER = 4;

export interface Festival {
	name: string;
	date: string;
	dayNo: number;
	lift: number;
	congests: boolean;
}

/** Every festival from 2022 to 2027, sorted by date. */
export const ALL_FESTIVALS: readonly Festival[] = FESTIVALS.flatMap((definition) =>
	Array.from({ length: CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1 }, (_, i) => {
		const date =
			typeof definition.dates === 'string'
				? `${CALENDAR_FIRST_YEAR + i}-${definition.dates}`
				: definition.dates[i];
		const dayNo = parseIsoDate(date);
		if (dayNo === null) throw new Error(`Bad festival date ${date}`);
		return { name: definition.name, date, dayNo, lift: definition.lift, congests: definition.congests };
	})
).sort((a, b) => a.dayNo - b.dayNo);

const FESTIVAL_BY_DAY = new Map(ALL_FESTIVALS.map((festival) => [festival.dayNo, festival]));

export function festivalOn(dayNo: number): Festival | undefined {
	return FESTIVAL_BY_DAY.get(dayNo);
}

export function festivalsBetween(fromDay: number, toDay: number): Festival[] {
	return ALL_FESTIVALS.filter((festival) => festival.dayNo >= fromDay && festival.dayNo <= toDay);
}

/** Salaries land on the last day of the month and are spent from the first. */
export function isSalaryDay(dayNo: number): boolean {
	const { year, month, day } = civilDate(dayNo);
	return day === 1 || day === daysInMonth(year, month);
}

/** Whether carriers are congested on a day (near a congesting festival). */
export function isCongested(dayNo: number): boolean {
	for (let offset = -CONGESTION_DAYS_AFTER; offset <= CONGESTION_DAYS_BEFORE; offset++) {
		if (FESTIVAL_BY_DAY.get(dayNo + offset)?.congests) return true;
	}
	return false;
}

/** First and last day the calendar knows. */
export const CALENDAR_FIRST_DAY = dayNumber(CALENDAR_FIRST_YEAR, 1, 1);
export const CALENDAR_LAST_DAY = dayNumber(CALENDAR_LAST_YEAR, 12, 31);
export const CALENDAR_RANGE = `${formatDate(CALENDAR_FIRST_DAY)} … ${formatDate(CALENDAR_LAST_DAY)}`;
