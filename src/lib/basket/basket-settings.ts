import { isBasketLevel, type BasketLevel } from './basket-levels';
import { DEFAULT_MAX_LEN } from './fp-growth';
import type { BasketResult } from './basket-result';
import { DEFAULT_THRESHOLDS, type BasketParams } from './mine-basket';

/** The Market Basket page's settings, as they live in the URL (`?level=…&support=…&confidence=…&lift=…&maxlen=…`). */
export interface BasketSettings {
	level: BasketLevel;
	/** A fraction in (0, 1), a count ≥ 1, or chosen from the data. */
	minSupport: number | 'auto';
	minConfidence: number;
	minLift: number;
	maxLen: number;
}

export const DEFAULT_BASKET_SETTINGS: BasketSettings = {
	level: 'product',
	minSupport: 'auto',
	...DEFAULT_THRESHOLDS,
	maxLen: DEFAULT_MAX_LEN
};

/** The longest itemset the page offers: longer ones are rare in baskets and costly to mine. */
export const MAX_MAX_LEN = 5;

export const BASKET_SETTING_KEYS = {
	level: 'level',
	minSupport: 'support',
	minConfidence: 'confidence',
	minLift: 'lift',
	maxLen: 'maxlen'
} as const;

/** Reads the settings from search params; a missing or invalid value takes its default. */
export function parseBasketSettings(params: URLSearchParams): BasketSettings {
	const number = (key: string, valid: (value: number) => boolean): number | undefined => {
		const text = params.get(key);
		const value = text === null || text.trim() === '' ? NaN : Number(text);
		return Number.isFinite(value) && valid(value) ? value : undefined;
	};
	const level = params.get(BASKET_SETTING_KEYS.level);
	return {
		level: level !== null && isBasketLevel(level) ? level : DEFAULT_BASKET_SETTINGS.level,
		minSupport: number(BASKET_SETTING_KEYS.minSupport, isSupport) ?? 'auto',
		minConfidence:
			number(BASKET_SETTING_KEYS.minConfidence, (v) => v >= 0 && v <= 1) ??
			DEFAULT_BASKET_SETTINGS.minConfidence,
		minLift: number(BASKET_SETTING_KEYS.minLift, (v) => v >= 0) ?? DEFAULT_BASKET_SETTINGS.minLift,
		maxLen:
			number(BASKET_SETTING_KEYS.maxLen, (v) => Number.isInteger(v) && v >= 1 && v <= MAX_MAX_LEN) ??
			DEFAULT_BASKET_SETTINGS.maxLen
	};
}

/** `base` with the settings written in (defaults left out, so a plain URL means the defaults). */
export function basketSettingsToParams(settings: BasketSettings, base: URLSearchParams): URLSearchParams {
	const params = new URLSearchParams(base);
	for (const key of Object.keys(BASKET_SETTING_KEYS) as (keyof BasketSettings)[]) {
		const value = settings[key];
		if (value === DEFAULT_BASKET_SETTINGS[key]) params.delete(BASKET_SETTING_KEYS[key]);
		else params.set(BASKET_SETTING_KEYS[key], String(value));
	}
	return params;
}

export function isSupport(value: number): boolean {
	return value > 0 && (value < 1 || Number.isInteger(value));
}

/** What the miner is asked for. */
export function toBasketParams(settings: BasketSettings): BasketParams {
	return {
		minSupport: settings.minSupport === 'auto' ? undefined : settings.minSupport,
		minConfidence: settings.minConfidence,
		minLift: settings.minLift,
		maxLen: settings.maxLen
	};
}

/** The settings a result was mined at (its support as chosen: from the data, or the fraction given). */
export function settingsOfResult(result: BasketResult): BasketSettings {
	return {
		level: result.level,
		minSupport: result.supportChoice.source === 'auto' ? 'auto' : result.minSupport,
		minConfidence: result.minConfidence,
		minLift: result.minLift,
		maxLen: result.maxLen
	};
}
