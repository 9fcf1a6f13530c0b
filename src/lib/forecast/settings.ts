import type { ForecastSettings } from './forecast-result';

/**
 * The defaults: on the wasm backend of a shared 2-core machine an epoch (every fourth day's window of every
 * series, ~2,200 windows) takes 3–6 s, so eight epochs at most (early stopping usually ends sooner) finish
 * under a minute even when the machine is busy. See docs/forecast.md.
 */
export const DEFAULT_SETTINGS: ForecastSettings = {
	epochs: 8,
	lookback: 28,
	units: 32,
	layers: 1,
	seed: 42,
	batchSize: 128,
	learningRate: 0.003,
	patience: 2,
	stride: 4,
	logScale: true
};

/** The whole-number settings a person may change, and their bounds. */
export const SETTING_LIMITS = {
	epochs: { min: 1, max: 200 },
	lookback: { min: 7, max: 112 },
	units: { min: 4, max: 128 },
	layers: { min: 1, max: 2 },
	seed: { min: 0, max: 4_294_967_295 }
} as const;

export type LimitedSetting = keyof typeof SETTING_LIMITS;

/** Thrown for a setting out of its bounds; the message names the setting and the bounds. */
export class SettingsError extends Error {
	override name = 'SettingsError';
}

/** The defaults with `changes` applied, each checked against its bounds. */
export function forecastSettings(
	changes: Partial<Pick<ForecastSettings, LimitedSetting>> = {}
): ForecastSettings {
	const settings = { ...DEFAULT_SETTINGS, ...changes };
	for (const [name, { min, max }] of Object.entries(SETTING_LIMITS) as [
		LimitedSetting,
		{ min: number; max: number }
	][]) {
		const value = settings[name];
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got ${value}.`);
		}
	}
	return settings;
}
