import type { Page } from '@playwright/test';

/**
 * What does not fit on the page as shown: the page itself scrolling sideways, or a table whose sorted column
 * sits outside its scroll box (a table scrolls sideways inside its own box, bringing its sorted column into
 * view). Tables that are not displayed (a closed disclosure) are skipped. Empty when all fits.
 */
export function layoutProblems(page: Page): Promise<string[]> {
	return page.evaluate(findLayoutProblems);
}

/** `layoutProblems`, run inside the page: for any driver's `page.evaluate` (Firefox's tests use Puppeteer). */
export function findLayoutProblems(): string[] {
	const found: string[] = [];
	const root = document.documentElement;
	const overflow = root.scrollWidth - root.clientWidth;
	if (overflow > 0) found.push(`the page scrolls ${overflow}px sideways`);
	for (const header of document.querySelectorAll<HTMLElement>('th[aria-sort]')) {
		const box = header.closest<HTMLElement>('[role="region"]');
		const cell = header.getBoundingClientRect();
		if (!box || cell.width === 0) continue;
		const shown = box.getBoundingClientRect();
		if (cell.left < shown.left - 1 || cell.right > shown.right + 1) {
			const table = header.closest('table')?.getAttribute('data-testid') ?? 'a table';
			found.push(`${table}: the sorted column ${header.dataset.col} is out of view`);
		}
	}
	return found;
}
