/**
 * The dashboards' last answers, kept in localStorage by published run, page, filters and options, so a
 * reload paints the same figures at once while the engine starts; the live answer then replaces them.
 * A key includes the published run id, so a new pipeline run never shows an older run's figures.
 */

/** The localStorage keys of kept figures start with this (the e2e tests and the bench clear them by it). */
export const REPORT_CACHE_PREFIX = 'retail-data-hub:report:';
const INDEX_KEY = `${REPORT_CACHE_PREFIX}index`;
/** Reports kept, most recently used first; older ones are dropped. */
const KEEP = 40;

export function reportCacheKey(
	runId: string,
	page: string,
	filters: string,
	grain: string | undefined
): string {
	return JSON.stringify([runId, page, filters, grain ?? null]);
}

export function readCachedReport<T>(key: string): T | null {
	try {
		const text = localStorage.getItem(REPORT_CACHE_PREFIX + key);
		return text === null ? null : (JSON.parse(text) as T);
	} catch {
		return null;
	}
}

/** Keeps `report` under `key`; a full or disabled storage only means the next reload waits for the engine. */
export function cacheReport(key: string, report: unknown): void {
	try {
		const index = [key, ...readIndex().filter((k) => k !== key)];
		for (const dropped of index.splice(KEEP)) localStorage.removeItem(REPORT_CACHE_PREFIX + dropped);
		localStorage.setItem(REPORT_CACHE_PREFIX + key, JSON.stringify(report));
		localStorage.setItem(INDEX_KEY, JSON.stringify(index));
	} catch {
		clearCachedReports();
	}
}

export function clearCachedReports(): void {
	try {
		for (const key of readIndex()) localStorage.removeItem(REPORT_CACHE_PREFIX + key);
		localStorage.removeItem(INDEX_KEY);
	} catch {
		// storage unavailable: nothing was kept
	}
}

function readIndex(): string[] {
	const parsed: unknown = JSON.parse(localStorage.getItem(INDEX_KEY) ?? '[]');
	return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
}
