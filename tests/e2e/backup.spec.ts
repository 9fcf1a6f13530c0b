import { zipSync, strToU8 } from 'fflate';
import { cliLake } from './cli-lake';
import { engineReady, expect, openSeededLake, runSql, test } from './fixtures';
import { opfsLakeFingerprints } from './opfs-lake';

const GOLD_TOTALS = 'SELECT count(*) AS n, sum(net_amount) AS revenue FROM gold_fact_sales';

test('a backup of the lake restores it byte for byte after Clear the lake; a zip that is no backup changes nothing', async ({
	page,
	problems
}, testInfo) => {
	test.setTimeout(420_000);
	const lake = cliLake();
	await openSeededLake(page, lake);
	const lakeBefore = await opfsLakeFingerprints(page);
	const totalsBefore = await runSql(page, GOLD_TOTALS);
	expect(Object.keys(lakeBefore)).toContain('_manifest.json');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('lake-backup-start').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^retail-data-hub-lake-\d{4}-\d{2}-\d{2}\.zip$/);
	const backupPath = testInfo.outputPath('lake-backup.zip');
	await download.saveAs(backupPath);

	// A zip of something else: refused after the confirmation, with the reason, and the lake unchanged.
	await page.getByTestId('lake-restore-input').setInputFiles({
		name: 'photos.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(zipSync({ 'holiday.jpg': strToU8('not really a photo') }))
	});
	await page.getByTestId('lake-restore-confirm').click();
	await expect(page.getByTestId('lake-backup-error')).toContainText(
		'This zip is not a lake backup made by Retail Data Hub (its first file is holiday.jpg)'
	);
	expect(await opfsLakeFingerprints(page)).toEqual(lakeBefore);

	await page.getByTestId('lake-clear').click();
	await Promise.all([page.waitForEvent('load'), page.getByTestId('lake-clear-confirm').click()]);
	await engineReady(page);
	await expect(page.getByText('The lake is empty')).toBeVisible();

	// An empty lake restores without asking, then the page reloads on the restored lake.
	await Promise.all([
		page.waitForEvent('load', { timeout: 120_000 }),
		page.getByTestId('lake-restore-input').setInputFiles(backupPath)
	]);
	await engineReady(page);
	expect(await opfsLakeFingerprints(page)).toEqual(lakeBefore);
	expect(await runSql(page, GOLD_TOTALS)).toEqual(totalsBefore);
	expect(problems).toEqual([]);
});
