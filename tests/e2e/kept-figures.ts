import type { Page } from '@playwright/test';
import { REPORT_CACHE_PREFIX } from '../../src/lib/state/report-cache';

/**
 * Forgets the figures the dashboards kept from earlier visits (in the page's localStorage), so the next visit
 * is a first one. The e2e tests and the bench's first-visit figure share it.
 */
export function forgetKeptFigures(page: Page): Promise<void> {
	return page.evaluate((prefix) => {
		for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
	}, REPORT_CACHE_PREFIX);
}
