import { readPublishedRun, type PublishedRun } from '$lib/lake/published-run';

/** The `gold/…` manifest key of the table every dashboard reads. */
const FACT_SALES_KEY = 'gold/fact_sales';

/**
 * The published lake as the manifest in OPFS tells it, read on the main thread while the engine is still
 * starting: enough for the dashboards to show the figures they kept for this published run.
 */
class PublishedLakeState {
	run = $state.raw<PublishedRun | null>(null);

	get hasGold(): boolean {
		return this.run?.gold.includes(FACT_SALES_KEY) ?? false;
	}

	async read(): Promise<void> {
		this.run = await readPublishedRun();
	}
}

export const publishedLake = new PublishedLakeState();
