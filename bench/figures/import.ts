import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInt } from '../../src/lib/format/number';
import type { BenchContext, Figure } from '../harness';

const HEADER = 'invoice_no,invoice_date,store_id,store_city,customer_id,product_id,quantity,unit_price\n';
const CITIES = ['Mumbai', 'Delhi', 'Pune', 'Bengaluru', 'Chennai'];
const ROWS_PER_WRITE = 50_000;

/** A POS sales CSV of `rows` lines (about 80 bytes each), written a piece at a time. */
function writeSalesCsv(path: string, rows: number): number {
	writeFileSync(path, HEADER);
	let bytes = HEADER.length;
	for (let from = 0; from < rows; from += ROWS_PER_WRITE) {
		const lines: string[] = [];
		for (let i = from; i < Math.min(rows, from + ROWS_PER_WRITE); i++) {
			const day = String((i % 28) + 1).padStart(2, '0');
			const month = String(((i >> 5) % 12) + 1).padStart(2, '0');
			const store = i % 20;
			lines.push(
				`INV-${Math.floor(i / 3)},2024-${month}-${day} ${String(i % 24).padStart(2, '0')}:15:00,STR-${store},` +
					`${CITIES[store % CITIES.length]},CUST-${i % 5000},P${i % 500},${(i % 5) + 1},${(i % 1000) + 0.5}\n`
			);
		}
		const text = lines.join('');
		appendFileSync(path, text);
		bytes += text.length;
	}
	return bytes;
}

/**
 * Rows of a generated POS sales CSV (one row per sales line of the scale) imported into the lake per
 * second, through the Lake page: once the engine is up, the file is chosen and previewed, then the time
 * runs from Import to the panel's "done" (the import worker streams, converts and writes the rows to
 * OPFS). Measured in the page, so no polling interval is counted.
 */
export async function importRowsPerSecond(ctx: BenchContext): Promise<Figure> {
	const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
	const page = await ctx.newPage();
	try {
		const path = join(dir, 'bench_sales.csv');
		const rows = ctx.salesLines;
		const bytes = writeSalesCsv(path, rows);
		await page.goto(`${ctx.baseUrl}/lake`);
		// The engine starts with the page: measured once it is up, the import does not share the CPU with it.
		await page.locator('[data-testid="engine-status"][data-phase="ready"]').waitFor({ timeout: 5 * 60_000 });
		await page.getByTestId('import-input').setInputFiles(path);
		await page
			.locator('[data-testid="import-panel"][data-phase="ready"] [data-testid="import-confirm"]')
			.waitFor({ timeout: 5 * 60_000 });
		const ms = await page.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const status = document.querySelector('[data-testid="import-status"]')!;
					const timeout = setTimeout(() => reject(new Error('the import took over 20 minutes')), 20 * 60_000);
					const started = performance.now();
					const observer = new MutationObserver(() => {
						const phase = status.getAttribute('data-phase');
						if (phase !== 'done' && phase !== 'error' && phase !== 'cancelled') return;
						observer.disconnect();
						clearTimeout(timeout);
						if (phase === 'done') resolve(performance.now() - started);
						else reject(new Error(`the import ended ${phase}: ${status.textContent?.trim()}`));
					});
					observer.observe(status, { attributes: true, attributeFilter: ['data-phase'] });
					document.querySelector<HTMLButtonElement>('[data-testid="import-confirm"]')!.click();
				})
		);
		const result = await page.locator('[data-testid="import-results"] li').textContent();
		if (!result?.includes(`${formatInt(rows)} rows → raw/pos_sales/bench_sales.ndjson`)) {
			throw new Error(`the import did not write ${rows} rows: ${result}`);
		}
		return {
			value: Math.round(rows / (ms / 1000)),
			unit: 'rows/s',
			note: `${rows} rows (${Math.round(bytes / 2 ** 20)} MB of CSV) in ${Math.round(ms)} ms`
		};
	} finally {
		await page.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
