import type { LakeStore } from './lake-store';

/**
 * The lake's currency, a setting of the lake (docs/import.md, "Currency"): written by whatever puts data in
 * it (the generator: INR; an import: the currency of the data), read wherever figures are shown.
 */
export const LAKE_SETTINGS_PATH = 'lake-settings.json';

interface LakeSettings {
	/** ISO 4217, e.g. `INR`, `GBP`. */
	currency: string;
}

/** The lake's currency, or null when nothing has set one. */
export async function readLakeCurrency(store: LakeStore): Promise<string | null> {
	try {
		return parseLakeCurrency(new TextDecoder().decode(await store.read(LAKE_SETTINGS_PATH)));
	} catch (error) {
		// By name: a store behind Comlink rethrows a plain Error that keeps only the name.
		if ((error as Error | null)?.name === 'LakeNotFoundError') return null;
		throw error;
	}
}

/** The currency in a settings file's text, or null when it names none. */
export function parseLakeCurrency(text: string): string | null {
	try {
		const currency = (JSON.parse(text) as Partial<LakeSettings>).currency;
		return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
	} catch {
		return null;
	}
}

export async function writeLakeCurrency(store: LakeStore, currency: string): Promise<void> {
	const settings: LakeSettings = { currency: currency.toUpperCase() };
	await store.write(
		LAKE_SETTINGS_PATH,
		new TextEncoder().encode(`${JSON.stringify(settings, null, '\t')}\n`)
	);
}
