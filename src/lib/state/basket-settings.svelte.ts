import { goto } from '$app/navigation';
import { page } from '$app/state';
import {
	basketSettingsToParams,
	parseBasketSettings,
	type BasketSettings
} from '$lib/basket/basket-settings';

/** The Market Basket page's settings; the URL holds them, beside the dashboards' filters. */
class BasketSettingsState {
	current = $derived(parseBasketSettings(page.url.searchParams));

	set(patch: Partial<BasketSettings>): Promise<void> {
		const params = basketSettingsToParams({ ...this.current, ...patch }, page.url.searchParams);
		if (params.toString() === page.url.searchParams.toString()) return Promise.resolve();
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- only the query changes: the path stays the current, resolved one
		return goto(`?${params}`, { keepFocus: true, noScroll: true });
	}
}

export const basketSettings = new BasketSettingsState();
