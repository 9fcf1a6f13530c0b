import { engineReady, expect, test } from './fixtures';

test('the lake page explains an empty lake', async ({ page, problems }) => {
	await page.goto('/lake');
	await engineReady(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lake');
	await expect(page.getByTestId('empty-state')).toContainText('The lake is empty');
	await expect(page.getByTestId('lake-file')).toHaveCount(0);
	expect(problems).toEqual([]);
});

test('the sidebar is keyboard reachable and navigates', async ({ page, problems }) => {
	await page.goto('/');
	await engineReady(page);
	const link = page.getByRole('navigation').getByRole('link', { name: 'Sales' });
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/sales$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales');
	expect(problems).toEqual([]);
});

// Regression: the start spinner sat in the header, which had a backdrop blur; without a GPU, Chromium then
// redrew the blur 60 times a second, a whole core taken from DuckDB's start on every page load.
test('nothing animates under a backdrop filter while the engine starts', async ({ page, problems }) => {
	await page.goto('/sales');
	const animated = await page.waitForFunction(() => {
		const targets = document
			.getAnimations()
			.map((animation) => (animation.effect as KeyframeEffect | null)?.target)
			.filter((target): target is Element => target instanceof Element);
		if (targets.length === 0) return null;
		return targets.map((target) => {
			const blurred: string[] = [];
			for (let node: Element | null = target; node; node = node.parentElement)
				if (getComputedStyle(node).backdropFilter !== 'none') blurred.push(node.tagName);
			return blurred.join(' ');
		});
	});
	const underFilter = (await animated.jsonValue()) as string[];
	expect(underFilter.length).toBeGreaterThan(0);
	expect(underFilter.filter((ancestors) => ancestors !== '')).toEqual([]);
	await engineReady(page);
	expect(problems).toEqual([]);
});

// Regression: a filter change restyles every cell of the dashboards' tables, and each var() in a cell's rules
// made that about three times slower in Chromium (the Logistics page's month × category table: 11–14 ms of style
// a city change, 4–5 ms without). The utilities of a table cell, a KPI's number and the heat table's shade
// carry their values (src/app.css); the colours stay variables for the dark theme.
test('table cells restyle without resolving variables', async ({ page, problems }) => {
	await page.goto('/');
	await engineReady(page);
	const cellRules = await page.evaluate(() => {
		const wanted = ['.px-3', '.py-1\\.5', '.text-right', '.whitespace-nowrap', '.tabular-nums'];
		const found: Record<string, string> = {};
		const visit = (rules: CSSRuleList) => {
			for (const rule of rules) {
				if (rule instanceof CSSStyleRule && wanted.includes(rule.selectorText))
					found[rule.selectorText] = rule.style.cssText;
				if ('cssRules' in rule) visit((rule as CSSGroupingRule).cssRules);
			}
		};
		for (const sheet of document.styleSheets) visit(sheet.cssRules);
		return found;
	});
	expect(Object.keys(cellRules).sort()).toEqual(
		['.px-3', '.py-1\\.5', '.tabular-nums', '.text-right', '.whitespace-nowrap'].sort()
	);
	expect(Object.entries(cellRules).filter(([, css]) => css.includes('var('))).toEqual([]);
	expect(cellRules['.tabular-nums']).toBe('font-variant-numeric: tabular-nums;');
	expect(problems).toEqual([]);
});
