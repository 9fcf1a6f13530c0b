import { afterEach, describe, expect, it } from 'vitest';
import type { SharedLakeWorker } from '../../../src/lib/state/shared-lake';
import { shareLakeWith, tabLakeReader } from '../../../src/lib/state/shared-lake';
import { readLakeCurrency, readPublishedRun } from '../../../src/lib/lake/published-run';
import { LAKE_SETTINGS_PATH } from '../../../src/lib/lake/lake-currency';
import { RemoteLakeStore } from '../../../src/lib/lake/shared-lake';
import { MANIFEST_PATH } from '../../../src/lib/pipeline/run/lake-layout';

/**
 * Finding: in a browser without OPFS (WebKitGTK here) a lake imported in pounds showed its figures in rupees.
 * The page read the lake's currency and published run only from OPFS, so it never saw the settings and
 * manifest that the import and the pipeline wrote into the lake the tab holds in memory.
 */
describe('a browser without OPFS: the page reads the lake its workers write, in memory', () => {
	const ports: MessagePort[] = [];
	afterEach(() => ports.splice(0).forEach((port) => port.close()));

	/** A worker's side of the tab's lake, as the importer and the engine get it (Node has no OPFS either). */
	function workerSide(): RemoteLakeStore {
		let store: RemoteLakeStore | undefined;
		const worker: SharedLakeWorker = {
			connectLake(port) {
				ports.push(port);
				store = new RemoteLakeStore(port);
			}
		};
		shareLakeWith(worker as Parameters<typeof shareLakeWith>[0]);
		return store!;
	}

	it('knows the currency and the published run that workers wrote into the in-memory lake', async () => {
		const read = tabLakeReader();
		expect(await readLakeCurrency(read)).toBeNull();
		expect(await readPublishedRun(read)).toBeNull();

		const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
		const importer = workerSide();
		await importer.write(LAKE_SETTINGS_PATH, encode({ currency: 'GBP' }));
		const engine = workerSide();
		await engine.write(
			MANIFEST_PATH,
			encode({ run_id: 'run-1', tables: { 'gold/fact_sales': {}, 'silver/sales_lines': {} } })
		);

		expect(await readLakeCurrency(read)).toBe('GBP');
		expect(await readPublishedRun(read)).toEqual({ runId: 'run-1', gold: ['gold/fact_sales'] });
	});
});
