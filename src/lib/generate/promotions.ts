import { ALL_FESTIVALS } from '../calendar/retail-calendar';
import { civilDate, dayNumber } from '../calendar/dates';

/**
 * Retail promotions: windows in which one or both channels sell more at a discount. Fixed-date sales
 * repeat every year; the festive sales follow the festivals' real dates.
 */
export interface Promotion {
	name: string;
	firstDay: number;
	lastDay: number;
	posLift: number;
	webLift: number;
	/** Share taken off the list price while it runs. */
	discount: number;
}

type PromotionShape = Omit<Promotion, 'firstDay' | 'lastDay'>;

const FIXED_DATE_SALES: readonly (PromotionShape & { from: [number, number]; to: [number, number] })[] = [
	{ name: 'Republic Day Sale', from: [1, 20], to: [1, 26], posLift: 1.05, webLift: 1.35, discount: 0.1 },
	{
		name: 'End of Season Sale (summer)',
		from: [6, 20],
		to: [7, 5],
		posLift: 1.15,
		webLift: 1.2,
		discount: 0.15
	},
	{ name: 'Independence Day Sale', from: [8, 9], to: [8, 15], posLift: 1.05, webLift: 1.3, discount: 0.1 },
	{ name: 'Year End Sale', from: [12, 26], to: [12, 31], posLift: 1.15, webLift: 1.25, discount: 0.15 }
];

/** Sales placed relative to a festival: `[first, last]` days before (negative) or after it. */
const FESTIVAL_SALES: readonly (PromotionShape & { festival: string; offsets: [number, number] })[] = [
	{
		name: 'Festive Season Sale',
		festival: 'Dussehra',
		offsets: [-6, -1],
		posLift: 1.1,
		webLift: 1.6,
		discount: 0.15
	},
	{ name: 'Diwali Week', festival: 'Diwali', offsets: [-7, -3], posLift: 1.25, webLift: 1.3, discount: 0.08 }
];

export function promotionsBetween(fromDay: number, toDay: number): Promotion[] {
	const all: Promotion[] = [];
	for (let year = civilDate(fromDay).year; year <= civilDate(toDay).year; year++) {
		for (const { from, to, ...shape } of FIXED_DATE_SALES) {
			all.push({ ...shape, firstDay: dayNumber(year, ...from), lastDay: dayNumber(year, ...to) });
		}
	}
	for (const { festival, offsets, ...shape } of FESTIVAL_SALES) {
		for (const day of ALL_FESTIVALS.filter((f) => f.name === festival)) {
			all.push({ ...shape, firstDay: day.dayNo + offsets[0], lastDay: day.dayNo + offsets[1] });
		}
	}
	return all
		.filter((promotion) => promotion.lastDay >= fromDay && promotion.firstDay <= toDay)
		.sort((a, b) => a.firstDay - b.firstDay);
}
