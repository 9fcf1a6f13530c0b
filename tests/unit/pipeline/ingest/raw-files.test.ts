import { describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { listRawFiles } from '../../../../src/lib/pipeline/ingest/raw-files';

describe('listRawFiles', () => {
	it('lists the ingestible files of the seven datasets, sorted by path, and nothing else', async () => {
		const store = new MemoryLakeStore();
		const paths = [
			'raw/_truth.json',
			'raw/web_orders/b-2.json',
			'raw/web_orders/b-1.ndjson',
			'raw/pos_sales/b-1.csv',
			'raw/pos_sales/b-2.CSV',
			'raw/pos_sales/notes.txt',
			'raw/pos_sales/old/b-0.csv',
			'raw/products/master.v2.parquet',
			'raw/unknown_dataset/b-1.csv',
			'raw/stores.csv',
			'bronze/pos_sales/b-1.parquet'
		];
		for (const [i, path] of paths.entries()) await store.write(path, new Uint8Array(i + 1));
		const listed = await listRawFiles(store);
		// Each with its size and time as the store lists them.
		const entries = new Map((await store.list('raw')).map((entry) => [entry.path, entry]));
		for (const file of listed) {
			expect(file.size, file.path).toBe(paths.indexOf(file.path) + 1);
			expect(file.modified, file.path).toBe(entries.get(file.path)!.modified);
		}
		expect(listed.map(({ size: _size, modified: _modified, ...ref }) => ref)).toEqual([
			{ path: 'raw/pos_sales/b-1.csv', dataset: 'pos_sales', batchId: 'b-1', format: 'csv' },
			{ path: 'raw/pos_sales/b-2.CSV', dataset: 'pos_sales', batchId: 'b-2', format: 'csv' },
			{
				path: 'raw/products/master.v2.parquet',
				dataset: 'products',
				batchId: 'master.v2',
				format: 'parquet'
			},
			{ path: 'raw/web_orders/b-1.ndjson', dataset: 'web_orders', batchId: 'b-1', format: 'ndjson' },
			{ path: 'raw/web_orders/b-2.json', dataset: 'web_orders', batchId: 'b-2', format: 'json' }
		]);
	});

	it('gives [] for a lake without raw files', async () => {
		expect(await listRawFiles(new MemoryLakeStore())).toEqual([]);
	});
});
