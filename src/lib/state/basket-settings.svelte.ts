import { goto } from '$app/navigation';
import { page } from '$app/state';
import { dashboardFilters } from '$lib/analytics/filters';
import type { BasketResult } from '$lib/basket/basket-result';
import {
	BASKET_SETTING_KEYS,
	basketSettingsToParams,
	parseBasketSettings,
	settingsOfResult,
	type BasketSettings
} from '$lib/basket/basket-settings';
import { FILTER_KEYS, filtersToParams } from '$lib/filters/url-filters';

/** The Market Basket page's settings; the URL holds them, beside the dashboards' filters. */
class BasketSettingsState {
	current = $derived(parseBasketSettings(page.url.searchParams));

	set(patch: Partial<BasketSettings>): Promise<void> {
		return this.#navigate(basketSettingsToParams({ ...this.current, ...patch }, page.url.searchParams));
	}

	/**
	 * On a plain URL (no settings, no filters), takes a saved result's settings and filters, in place of
	 * the current history entry: opening the page shows the rules last mined, not the defaults' rules.
	 */
	adopt(result: BasketResult): Promise<void> {
		const keys = [...Object.values(BASKET_SETTING_KEYS), ...FILTER_KEYS];
		if (keys.some((key) => page.url.searchParams.has(key))) return Promise.resolve();
		const params = basketSettingsToParams(
			settingsOfResult(result),
			filtersToParams(dashboardFilters(result.filters))
		);
		return this.#navigate(params, true);
	}

	#navigate(params: URLSearchParams, replaceState = false): Promise<void> {
		if (params.toString() === page.url.searchParams.toString()) return Promise.resolve();
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- only the query changes: the path stays the current, resolved one
		return goto(`?${params}`, { keepFocus: true, noScroll: true, replaceState });
	}
}

export const basketSettings = new BasketSettingsState();
