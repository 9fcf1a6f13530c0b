import type { Page } from '@playwright/test';
import type { DashboardPage, DashboardReports } from '../../src/lib/analytics/reports';
import { expect } from './fixtures';
import { expectedCards } from './kpi-cards';

/** Every KPI card's raw number on the page equals the CLI's, and the page shows every card it should. */
export async function expectCards<P extends DashboardPage>(
	page: Page,
	dashboard: P,
	report: DashboardReports[P]
) {
	const cards = await page
		.getByTestId('kpi-card')
		.evaluateAll((els) => els.map((el) => [el.getAttribute('data-kpi'), el.getAttribute('data-value')]));
	const shown = new Map(cards as [string, string][]);
	for (const [kpi, expected] of Object.entries(expectedCards(dashboard, report))) {
		const value = shown.get(kpi);
		expect(value, `${dashboard} card ${kpi}`).toBeDefined();
		if (expected === null) expect(value, `${dashboard} card ${kpi}`).toBe('');
		else expect(Number(value), `${dashboard} card ${kpi}`).toBeCloseTo(expected, 6);
	}
}
