import { POS_BASKET_SIZE_WEIGHTS, WEB_BASKET_SIZE_WEIGHTS, meanBasketSize } from './basket-shape';
import { festivalOn, festivalsBetween, isSalaryDay, type Festival } from '../calendar/retail-calendar';
import type { Catalog } from './catalog';
import { civilDate, isoWeekday } from '../calendar/dates';
import { logNormalFactor, standardNormal } from './deterministic-math';
import { promotionsBetween, type Promotion } from './promotions';
import { Rng } from './rng';

/**
 * The demand model: how many orders each channel expects on each day. Weekly pattern, yearly
 * seasonality, salary days, festivals on their real dates, promotions and growth multiply a base rate
 * that is calibrated so the expected sales lines over the range equal the target.
 */
export const DEMAND_FACTORS = {
	/** Monday … Sunday. Stores peak at the weekend; the web is flat with a slight weekday lean. */
	posWeekday: [0.86, 0.84, 0.88, 0.93, 1.05, 1.28, 1.2],
	webWeekday: [1.04, 1.02, 1, 0.99, 0.96, 0.98, 1.02],
	/** January … December, both channels. */
	month: [0.92, 0.88, 1, 0.95, 0.95, 0.85, 0.85, 0.95, 0.98, 1.12, 1.2, 1.1],
	salaryDayLift: { pos: 1.15, web: 1.12 },
	/** Linear growth per year from the first day. */
	growthPerYear: { pos: 0.08, web: 0.3 },
	webShareOfLines: 0.28,
	/** Log-space spread of the day-to-day count noise, on top of Poisson noise. */
	dailyNoiseSigma: 0.08
} as const;

export interface DemandModel {
	fromDay: number;
	dayCount: number;
	/** Expected orders per channel and day, before noise. */
	posOrders: Float64Array;
	webOrders: Float64Array;
	/** Promotion discount per day (share of list price). */
	discount: Float64Array;
	/** Expected sales lines and units per day, both channels. */
	expectedLines: Float64Array;
	expectedUnits: Float64Array;
	/** Per category (catalog order): expected units per day, averaged over the range. */
	meanCategoryUnits: Float64Array;
	festivals: Festival[];
	promotions: Promotion[];
}

export const POS_MEAN_LINES = meanBasketSize(POS_BASKET_SIZE_WEIGHTS);
export const WEB_MEAN_LINES = meanBasketSize(WEB_BASKET_SIZE_WEIGHTS);

export function buildDemandModel(
	catalog: Catalog,
	salesLines: number,
	fromDay: number,
	toDay: number
): DemandModel {
	const dayCount = toDay - fromDay + 1;
	const f = DEMAND_FACTORS;
	const promotions = promotionsBetween(fromDay, toDay);
	const posFactor = new Float64Array(dayCount);
	const webFactor = new Float64Array(dayCount);
	const discount = new Float64Array(dayCount);
	let posTotal = 0;
	let webTotal = 0;
	for (let i = 0; i < dayCount; i++) {
		const dayNo = fromDay + i;
		const weekday = isoWeekday(dayNo);
		const month = civilDate(dayNo).month - 1;
		const festivalLift = festivalOn(dayNo)?.lift ?? 1;
		const salary = isSalaryDay(dayNo);
		let pos = f.posWeekday[weekday] * f.month[month] * festivalLift * (1 + (f.growthPerYear.pos * i) / 365);
		let web = f.webWeekday[weekday] * f.month[month] * festivalLift * (1 + (f.growthPerYear.web * i) / 365);
		if (salary) {
			pos *= f.salaryDayLift.pos;
			web *= f.salaryDayLift.web;
		}
		for (const promotion of promotions) {
			if (dayNo < promotion.firstDay || dayNo > promotion.lastDay) continue;
			pos *= promotion.posLift;
			web *= promotion.webLift;
			discount[i] = Math.max(discount[i], promotion.discount);
		}
		posFactor[i] = pos;
		webFactor[i] = web;
		posTotal += pos;
		webTotal += web;
	}
	const posBase = (salesLines * (1 - f.webShareOfLines)) / (POS_MEAN_LINES * posTotal);
	const webBase = (salesLines * f.webShareOfLines) / (WEB_MEAN_LINES * webTotal);
	const posOrders = posFactor.map((factor) => factor * posBase);
	const webOrders = webFactor.map((factor) => factor * webBase);
	const expectedLines = posOrders.map((orders, i) => orders * POS_MEAN_LINES + webOrders[i] * WEB_MEAN_LINES);

	const categories = catalog.lineShare.length;
	const expectedUnits = new Float64Array(dayCount);
	const meanCategoryUnits = new Float64Array(categories);
	for (let i = 0; i < dayCount; i++) {
		const month = civilDate(fromDay + i).month - 1;
		let shareTotal = 0;
		for (let c = 0; c < categories; c++)
			shareTotal += catalog.lineShare[c] * catalog.monthFactors[c * 12 + month];
		for (let c = 0; c < categories; c++) {
			const share = (catalog.lineShare[c] * catalog.monthFactors[c * 12 + month]) / shareTotal;
			const units = expectedLines[i] * share * catalog.meanQuantity[c];
			expectedUnits[i] += units;
			meanCategoryUnits[c] += units / dayCount;
		}
	}
	return {
		fromDay,
		dayCount,
		posOrders,
		webOrders,
		discount,
		expectedLines,
		expectedUnits,
		meanCategoryUnits,
		festivals: festivalsBetween(fromDay, toDay),
		promotions
	};
}

/** Bounds of the daily nudge; wide, so even a thousand-line run lands near its target. */
const MIN_CORRECTION = 0.2;
const MAX_CORRECTION = 5;

/**
 * Draws each day's order counts: the model's expectation times count noise, nudged by how far the lines
 * written so far are from the target, so the total lands within a fraction of a percent of it.
 */
export class DailyVolume {
	readonly #rng: Rng;
	readonly #remainingExpected: Float64Array;
	#linesSoFar = 0;
	pos = 0;
	web = 0;

	constructor(
		private readonly model: DemandModel,
		private readonly targetLines: number,
		seed: number
	) {
		this.#rng = Rng.stream(seed, 'volume');
		this.#remainingExpected = new Float64Array(model.dayCount + 1);
		for (let i = model.dayCount - 1; i >= 0; i--) {
			this.#remainingExpected[i] = this.#remainingExpected[i + 1] + model.expectedLines[i];
		}
	}

	/** Sets `pos` and `web` to the order counts of day `dayIndex`. */
	drawDay(dayIndex: number): void {
		const wanted = (this.targetLines - this.#linesSoFar) / this.#remainingExpected[dayIndex];
		const correction = Math.min(MAX_CORRECTION, Math.max(MIN_CORRECTION, wanted));
		this.pos = this.#draw(this.model.posOrders[dayIndex] * correction);
		this.web = this.#draw(this.model.webOrders[dayIndex] * correction);
	}

	addLines(lines: number): void {
		this.#linesSoFar += lines;
	}

	#draw(expected: number): number {
		const mean = expected * logNormalFactor(this.#rng, DEMAND_FACTORS.dailyNoiseSigma);
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(this.#rng)));
	}
}
