import { DEFAULT_CURRENCY, setCurrency } from '$lib/format/number';
import type { PublishedFigures } from '$lib/analytics/published-figures';
import {
	readLakeCurrency,
	readPublishedFigures,
	readPublishedRun,
	type PublishedRun
} from '$lib/lake/published-run';
import { tabLakeReader } from './shared-lake';

/** The `gold/…` manifest key of the table every dashboard reads. */
const FACT_SALES_KEY = 'gold/fact_sales';

/**
 * The published lake as the manifest tells it, read on the main thread (from OPFS, or from the lake the tab
 * holds in memory without it) while the engine is still starting: enough for the dashboards to show the
 * figures they kept for this published run, or else those the run published for the default view (read
 * next, checked against the manifest). Also the one place the app learns the lake's currency: every figure
 * is formatted in it (the layout redraws the page when it changes).
 */
class PublishedLakeState {
	run = $state.raw<PublishedRun | null>(null);
	/** The default view's figures `run` published; null until read, or when it has none. */
	figures = $state.raw<PublishedFigures | null>(null);
	currency = $state(DEFAULT_CURRENCY);

	get hasGold(): boolean {
		return this.run?.gold.includes(FACT_SALES_KEY) ?? false;
	}

	async read(): Promise<void> {
		const read = tabLakeReader();
		const [run, currency] = await Promise.all([readPublishedRun(read), readLakeCurrency(read)]);
		setCurrency(currency ?? DEFAULT_CURRENCY);
		[this.run, this.currency] = [run, currency ?? DEFAULT_CURRENCY];
		this.figures = run ? await readPublishedFigures(run, read) : null;
	}
}

export const publishedLake = new PublishedLakeState();
