import { createHash } from 'node:crypto';
import { DEFAULT_GENERATOR_CONFIG } from '../../src/lib/generate/config';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { engineReady, expect, test } from './fixtures';
import { opfsLakeFingerprints, opfsLakeSizes } from './opfs-lake';

test('the browser generator writes byte-identical files to the Node generator, and they persist', async ({
	page,
	problems
}) => {
	await page.goto('/lake');
	await engineReady(page);
	await expect(page.getByTestId('gen-preset')).toHaveValue('original');
	await page.getByTestId('gen-start').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });

	await page.reload();
	await engineReady(page);
	const browser = Object.fromEntries(
		Object.entries(await opfsLakeFingerprints(page)).filter(([path]) => path.startsWith('raw/'))
	);

	const store = new MemoryLakeStore();
	const { truth } = await generateRaw(DEFAULT_GENERATOR_CONFIG, store);
	const node: Record<string, string> = {};
	for (const entry of await store.list('raw')) {
		const bytes = await store.read(entry.path);
		node[entry.path] = `${bytes.length} ${createHash('sha256').update(bytes).digest('hex')}`;
	}
	expect(Object.keys(node).length).toBe(8); // seven datasets and _truth.json
	expect(browser).toEqual(node);

	const salesLines = truth.files.pos_sales.rows + truth.files.web_orders.rows;
	expect(Math.abs(salesLines / DEFAULT_GENERATOR_CONFIG.salesLines - 1)).toBeLessThan(0.02);
	for (const [dataset, file] of Object.entries(truth.files)) {
		await expect(page.locator(`[data-testid="lake-file"][data-path="${file.path}"]`), dataset).toHaveCount(1);
	}
	expect(problems).toEqual([]);
});

test('a cancelled generation leaves no file behind', async ({ page, problems }) => {
	await page.goto('/lake');
	await engineReady(page);
	await page.getByTestId('gen-preset').selectOption('10m');
	await page.getByTestId('gen-start').click();
	await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]/, { timeout: 60_000 });
	await page.getByTestId('gen-cancel').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'cancelled');
	await expect(page.getByTestId('lake-file')).toHaveCount(0);
	await page.reload();
	await engineReady(page);
	await expect(page.getByTestId('lake-file')).toHaveCount(0);
	// Folders may stay; no file may, not even a temp file of the aborted writers.
	const leftovers = await page.evaluate(async () => {
		const files: string[] = [];
		async function walk(dir: FileSystemDirectoryHandle, prefix: string) {
			// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
			for await (const [name, handle] of dir.entries()) {
				if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
				else files.push(`${prefix}${name}`);
			}
		}
		await walk(await navigator.storage.getDirectory(), '');
		return files;
	});
	expect(leftovers).toEqual([]);
	expect(problems).toEqual([]);
});

test('generating again asks to replace the data or add a batch; Clear the lake empties it and its kept figures', async ({
	page,
	problems
}) => {
	test.setTimeout(300_000);
	const generatorWorkers = { started: 0, ended: 0 };
	page.on('worker', (worker) => {
		if (!worker.url().includes('generator.worker')) return;
		generatorWorkers.started++;
		worker.on('close', () => generatorWorkers.ended++);
	});
	await page.goto('/lake');
	await engineReady(page);
	await expect(page.getByTestId('gen-mode')).toHaveCount(0);
	await page.getByTestId('gen-start').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });

	// A lake with data: the choice appears, replacing by default; adding keeps both batches, named apart.
	await expect(page.getByTestId('gen-mode')).toContainText('The lake already holds 7 raw files');
	await expect(page.getByTestId('gen-mode-replace')).toBeChecked();
	await page.getByTestId('gen-mode-add').check();
	await page.getByTestId('gen-start').click();
	await expect(page.getByTestId('gen-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
	await expect(page.getByTestId('gen-result')).toContainText('gen-s42-2023-01-01-2025-12-31-2');
	const raw = Object.keys(await opfsLakeSizes(page)).filter((path) => path.startsWith('raw/'));
	expect(raw.filter((path) => path.includes('-2025-12-31.'))).toHaveLength(7);
	expect(raw.filter((path) => path.includes('-2025-12-31-2.'))).toHaveLength(7);
	// Each generation ran in a worker of its own, ended once it was done: idle, it would keep the world it drew
	// from (100–170 MB of a 1M-line generation).
	await expect.poll(() => generatorWorkers.ended).toBe(2);
	expect(generatorWorkers.started).toBe(2);

	// Clear the lake: the dialog states the size to free, which is every byte of the lake.
	await page.evaluate(() => localStorage.setItem('retail-data-hub:report:index', '["k"]'));
	const sizes = await opfsLakeSizes(page);
	const bytes = Object.values(sizes).reduce((total, size) => total + size, 0);
	await page.getByTestId('lake-clear').click();
	const dialog = page.getByTestId('lake-clear-dialog');
	await expect(dialog).toHaveAttribute('data-bytes', String(bytes));
	await expect(dialog).toHaveAttribute('data-files', String(Object.keys(sizes).length));
	await expect(dialog).toContainText(`${Object.keys(sizes).length} files`);
	await page.getByTestId('lake-clear-cancel').click();
	await expect(dialog).toHaveCount(0);
	expect(Object.keys(await opfsLakeSizes(page)).length).toBe(Object.keys(sizes).length);

	await page.getByTestId('lake-clear').click();
	await Promise.all([page.waitForEvent('load'), page.getByTestId('lake-clear-confirm').click()]);
	await engineReady(page);
	await expect(page.getByText('The lake is empty')).toBeVisible();
	expect(await opfsLakeSizes(page)).toEqual({});
	expect(await page.evaluate(() => localStorage.getItem('retail-data-hub:report:index'))).toBeNull();
	await expect(page.getByTestId('gen-mode')).toHaveCount(0);
	expect(problems).toEqual([]);
});
