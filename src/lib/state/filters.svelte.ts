import { goto } from '$app/navigation';
import { page } from '$app/state';
import { kpiFilters } from '$lib/analytics/filters';
import type { SpikeSummary } from '$lib/analytics/spikes';
import { OPTIONS_SOURCE, type FilterOptions } from '$lib/filters/filter-options';
import {
	filtersToParams,
	parseFilters,
	resolvePreset,
	type DashboardFilters,
	type DashboardFiltersPatch,
	type Preset
} from '$lib/filters/url-filters';
import { formatError } from '$lib/format';
import { engine } from './engine-manager.svelte';

/**
 * The dashboards' filters. The URL holds them (shareable; each change is a history entry, so Back undoes
 * it); `options` are the cities, categories and days in Gold, read once per published version of it.
 */
class FiltersState {
	/**
	 * The filters just chosen, until the navigation to their URL ends: the pages ask for their figures at once
	 * instead of after SvelteKit's navigation.
	 */
	#chosen = $state.raw<{ params: string; filters: DashboardFilters } | null>(null);
	current = $derived(this.#chosen?.filters ?? parseFilters(page.url.searchParams));
	options = $state<FilterOptions | null>(null);
	error = $state<string | null>(null);
	/** The flagged quantity spikes under the current filters but the spike switch; null until read. */
	spikes = $state.raw<SpikeSummary | null>(null);

	#spikesKey: string | null = null;

	/** The Gold version the options were read for (or are being read for). */
	#optionsVersion: string | null = null;

	set(patch: DashboardFiltersPatch): Promise<void> {
		return this.#navigate({ ...this.current, ...patch });
	}

	applyPreset(preset: Preset, dataEnd: string): Promise<void> {
		const { from, to } = resolvePreset(preset, dataEnd);
		return this.#navigate({ ...this.current, from, to });
	}

	clear(): Promise<void> {
		return this.#navigate({});
	}

	#navigate(next: DashboardFiltersPatch): Promise<void> {
		const params = filtersToParams(next, page.url.searchParams);
		const shown = this.#chosen?.params ?? page.url.searchParams.toString();
		if (params.toString() === shown) return Promise.resolve();
		const chosen = { params: params.toString(), filters: parseFilters(params) };
		this.#chosen = chosen;
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- only the query changes: the path stays the current, resolved one
		return goto(`?${params}`, { keepFocus: true, noScroll: true }).finally(() => {
			if (this.#chosen === chosen) this.#chosen = null;
		});
	}

	/** Reads the spikes' summary for the current filters once per filters and Gold version; safe to call often. */
	async loadSpikes(): Promise<void> {
		const version = engine.goldVersion();
		if (!version) return;
		const filters = kpiFilters(this.current);
		const key = JSON.stringify([version, { ...filters, spikes: undefined }]);
		if (key === this.#spikesKey) return;
		this.#spikesKey = key;
		try {
			const summary = await (await engine.api()).spikeSummary(filters);
			if (key === this.#spikesKey) this.spikes = summary;
		} catch {
			if (key === this.#spikesKey) this.spikes = null; // the notice then just offers the switch
		}
	}

	/** Reads the options when Gold exists and they were not read for its current version; safe to call often. */
	async loadOptions(): Promise<void> {
		const version = engine.goldVersion();
		if (!version || !engine.has(OPTIONS_SOURCE.path)) return;
		if (version === this.#optionsVersion) return;
		this.#optionsVersion = version;
		try {
			const options = await (await engine.api()).filterOptions();
			if (version !== this.#optionsVersion) return;
			this.options = options;
			this.error = null;
		} catch (e) {
			if (version !== this.#optionsVersion) return;
			this.#optionsVersion = null;
			this.error = formatError(
				'The filter choices could not be read',
				e,
				'Run the pipeline again, then reload the page.'
			);
		}
	}
}

export const filters = new FiltersState();
