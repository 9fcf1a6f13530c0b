import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { LakePathError } from '../../src/lib/lake/lake-paths';
import { LakeNotFoundError, type LakeEntry, type LakeStore } from '../../src/lib/lake/lake-store';

const text = (value: string) => new TextEncoder().encode(value);
const sizes = (entries: LakeEntry[]) => entries.map(({ path, size }) => [path, size]);

/** The behaviour every LakeStore adapter must show; `makeStore` gives an empty store for each test. */
export function lakeStoreContract(name: string, makeStore: () => LakeStore | Promise<LakeStore>): void {
	describe(`${name} (LakeStore contract)`, () => {
		let store: LakeStore;
		beforeEach(async () => {
			store = await makeStore();
		});

		it('reads back exactly the bytes written, empty files included', async () => {
			const data = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
			await store.write('raw/pos_sales/b-001.csv', data);
			await store.write('empty.bin', new Uint8Array());
			expect(await store.read('raw/pos_sales/b-001.csv')).toEqual(data);
			expect(await store.read('empty.bin')).toEqual(new Uint8Array());
			expect((await store.stat('raw/pos_sales/b-001.csv'))?.size).toBe(7);
			expect((await store.stat('empty.bin'))?.size).toBe(0);
		});

		it('hands a file out as a Blob with the same bytes', async () => {
			await store.write('gold/dim_store.parquet', text('PAR1 blob'));
			const blob = await store.blob('gold/dim_store.parquet');
			expect(blob.size).toBe(9);
			expect(new Uint8Array(await blob.arrayBuffer())).toEqual(text('PAR1 blob'));
			await expect(store.blob('gold/missing.parquet')).rejects.toThrow(
				new LakeNotFoundError('gold/missing.parquet')
			);
		});

		it('keeps its own copy of the bytes', async () => {
			const data = text('abc');
			await store.write('a.txt', data);
			data[0] = 120;
			const first = await store.read('a.txt');
			first[1] = 120;
			expect(await store.read('a.txt')).toEqual(text('abc'));
		});

		it('lists exactly the files at or under a folder, sorted, with sizes and times', async () => {
			expect(await store.list()).toEqual([]);
			const before = Date.now();
			await store.write('raw/pos_sales/b-002.csv', text('22'));
			await store.write('raw/pos_sales/b-001.csv', text('1'));
			await store.write('raw/pos/x.csv', text('333'));
			await store.write('gold/dim_store.parquet', text('4444'));
			await store.write('a.txt', text('55555'));
			await store.write('a-b.txt', text('6'));
			await store.write('a/b.txt', text('77'));
			await store.write('B.txt', text('888'));
			const after = Date.now();

			const all = await store.list();
			expect(sizes(all)).toEqual([
				['B.txt', 3],
				['a-b.txt', 1],
				['a.txt', 5],
				['a/b.txt', 2],
				['gold/dim_store.parquet', 4],
				['raw/pos/x.csv', 3],
				['raw/pos_sales/b-001.csv', 1],
				['raw/pos_sales/b-002.csv', 2]
			]);
			for (const entry of all) {
				expect(entry.modified).toBeGreaterThanOrEqual(before - 2000);
				expect(entry.modified).toBeLessThanOrEqual(after + 2000);
			}
			expect(await store.list('')).toEqual(all);
			expect(sizes(await store.list('raw'))).toEqual([
				['raw/pos/x.csv', 3],
				['raw/pos_sales/b-001.csv', 1],
				['raw/pos_sales/b-002.csv', 2]
			]);
			expect(sizes(await store.list('raw/pos/'))).toEqual([['raw/pos/x.csv', 3]]);
			expect(sizes(await store.list('raw/pos_sales/b-001.csv'))).toEqual([['raw/pos_sales/b-001.csv', 1]]);
			expect(await store.list('silver')).toEqual([]);
			expect(await store.list('a.txt/deeper')).toEqual([]);
		});

		it('stat gives the same entry as list, and null for folders', async () => {
			await store.write('gold/fact_sales.parquet', text('12345'));
			const [listed] = await store.list();
			expect(await store.stat('gold/fact_sales.parquet')).toEqual(listed);
			expect(listed).toMatchObject({ path: 'gold/fact_sales.parquet', size: 5 });
			expect(await store.stat('gold')).toBeNull();
		});

		it('write replaces the previous version', async () => {
			await store.write('silver/x.parquet', text('old version'));
			await store.write('silver/x.parquet', text('new'));
			expect(await store.read('silver/x.parquet')).toEqual(text('new'));
			expect(sizes(await store.list())).toEqual([['silver/x.parquet', 3]]);
		});

		it("a writer's file stays invisible until close, then holds every chunk in order", async () => {
			const writer = await store.writer('bronze/sales/b-1.parquet');
			await writer.write(text('hello '));
			await writer.write(text('lake'));
			expect(await store.stat('bronze/sales/b-1.parquet')).toBeNull();
			expect(await store.list()).toEqual([]);
			expect(await store.list('bronze/sales')).toEqual([]);
			await writer.close();
			expect(await store.read('bronze/sales/b-1.parquet')).toEqual(text('hello lake'));
			expect(sizes(await store.list())).toEqual([['bronze/sales/b-1.parquet', 10]]);
		});

		it('an aborted writer leaves no file and does not replace an existing one', async () => {
			const fresh = await store.writer('gold/new.parquet');
			await fresh.write(text('partial'));
			await fresh.abort();
			expect(await store.stat('gold/new.parquet')).toBeNull();
			expect(await store.list()).toEqual([]);

			await store.write('gold/old.parquet', text('kept'));
			const replacing = await store.writer('gold/old.parquet');
			await replacing.write(text('never published'));
			await replacing.abort();
			expect(await store.read('gold/old.parquet')).toEqual(text('kept'));
			expect(sizes(await store.list())).toEqual([['gold/old.parquet', 4]]);
		});

		it('refuses to use a writer after close or abort; abort after close changes nothing', async () => {
			const closed = await store.writer('a.bin');
			await closed.write(text('one'));
			await closed.close();
			await expect(closed.write(text('two'))).rejects.toThrow(/already closed/);
			await expect(closed.close()).rejects.toThrow(/already closed/);
			await closed.abort();
			expect(await store.read('a.bin')).toEqual(text('one'));

			const aborted = await store.writer('b.bin');
			await aborted.abort();
			await expect(aborted.write(text('x'))).rejects.toThrow(/already aborted/);
			await expect(aborted.close()).rejects.toThrow(/already aborted/);
			expect(await store.stat('b.bin')).toBeNull();
		});

		it('two writers to one path do not clash: the last to close wins', async () => {
			const first = await store.writer('analytics/kpi.json');
			const second = await store.writer('analytics/kpi.json');
			await first.write(text('first-'));
			await second.write(text('second-'));
			await first.write(text('A'));
			await second.write(text('B'));
			await first.close();
			expect(await store.read('analytics/kpi.json')).toEqual(text('first-A'));
			await second.close();
			expect(await store.read('analytics/kpi.json')).toEqual(text('second-B'));
			expect(sizes(await store.list())).toEqual([['analytics/kpi.json', 8]]);
		});

		it('move renames into new folders, removes the source and replaces the destination', async () => {
			await store.write('_staging/run-1/gold/a.parquet', text('aaa'));
			await store.write('_staging/run-1/gold/b.parquet', text('bbbb'));
			await store.write('gold/b.parquet', text('old'));
			await store.move('_staging/run-1/gold/a.parquet', 'gold/a.parquet');
			await store.move('_staging/run-1/gold/b.parquet', 'gold/b.parquet');
			expect(await store.read('gold/a.parquet')).toEqual(text('aaa'));
			expect(await store.read('gold/b.parquet')).toEqual(text('bbbb'));
			expect(await store.stat('_staging/run-1/gold/a.parquet')).toBeNull();
			expect(sizes(await store.list())).toEqual([
				['gold/a.parquet', 3],
				['gold/b.parquet', 4]
			]);
		});

		it('move onto itself keeps the file', async () => {
			await store.write('gold/a.parquet', text('same'));
			await store.move('gold/a.parquet', 'gold/a.parquet');
			expect(await store.read('gold/a.parquet')).toEqual(text('same'));
		});

		it('delete removes a file, or a folder with everything under it, and nothing else', async () => {
			await store.write('raw/a/1.csv', text('1'));
			await store.write('raw/a/deep/2.csv', text('2'));
			await store.write('raw/ab.csv', text('3'));
			await store.write('raw/b/4.csv', text('4'));
			await store.delete('raw/a');
			expect(sizes(await store.list())).toEqual([
				['raw/ab.csv', 1],
				['raw/b/4.csv', 1]
			]);
			await store.delete('raw/ab.csv');
			expect(sizes(await store.list())).toEqual([['raw/b/4.csv', 1]]);
			await store.write('raw/a/1.csv', text('again'));
			expect(await store.read('raw/a/1.csv')).toEqual(text('again'));
		});

		it('missing paths: read and move throw naming the path, stat is null, delete does nothing', async () => {
			await store.write('gold/kept.parquet', text('k'));
			await expect(store.read('gold/missing.parquet')).rejects.toThrow(LakeNotFoundError);
			await expect(store.read('gold/missing.parquet')).rejects.toThrow('"gold/missing.parquet"');
			await expect(store.read('nowhere/at/all.csv')).rejects.toThrow('"nowhere/at/all.csv"');
			await expect(store.read('gold')).rejects.toThrow(LakeNotFoundError);
			await expect(store.read('gold/kept.parquet/x')).rejects.toThrow(LakeNotFoundError);
			await expect(store.move('gold/missing.parquet', 'gold/x.parquet')).rejects.toThrow(
				'No lake file at "gold/missing.parquet"'
			);
			expect(await store.stat('gold/missing.parquet')).toBeNull();
			expect(await store.stat('nowhere/at/all.csv')).toBeNull();
			await store.delete('gold/missing.parquet');
			await store.delete('nowhere/at/all');
			expect(sizes(await store.list())).toEqual([['gold/kept.parquet', 1]]);
			expect(await store.stat('gold/x.parquet')).toBeNull();
		});

		it('refuses to put a file where a folder is, or under a file', async () => {
			await store.write('a/b', text('file'));
			await expect(store.write('a', text('x'))).rejects.toThrow();
			await expect(store.write('a/b/c', text('x'))).rejects.toThrow();
			await store.write('c', text('other'));
			await expect(store.move('c', 'a')).rejects.toThrow();
			expect(sizes(await store.list())).toEqual([
				['a/b', 4],
				['c', 5]
			]);
		});

		it('rejects malformed paths in every method', async () => {
			await store.write('ok.txt', text('ok'));
			const invalid = [
				'',
				'/abs.csv',
				'../up.csv',
				'a/../b',
				'a//b',
				'a\\b',
				'./a',
				'a/',
				'x.tmp-write',
				'a\u0000b'
			];
			for (const path of invalid) {
				await expect(store.read(path), path).rejects.toThrow(LakePathError);
				await expect(store.stat(path), path).rejects.toThrow(LakePathError);
				await expect(store.blob(path), path).rejects.toThrow(LakePathError);
				await expect(store.write(path, text('x')), path).rejects.toThrow(LakePathError);
				await expect(store.writer(path), path).rejects.toThrow(LakePathError);
				await expect(store.delete(path), path).rejects.toThrow(LakePathError);
				await expect(store.move('ok.txt', path), path).rejects.toThrow(LakePathError);
				await expect(store.move(path, 'ok2.txt'), path).rejects.toThrow(LakePathError);
			}
			await expect(store.list('../up')).rejects.toThrow(LakePathError);
			await expect(store.read('../up.csv')).rejects.toThrow('Invalid lake path "../up.csv"');
			expect(sizes(await store.list())).toEqual([['ok.txt', 2]]);
		});

		it('streams 20 MB in 64 KB chunks and reads back the same content', async () => {
			const chunkSize = 64 * 1024;
			const chunks = 320;
			// One buffer reused for every chunk, as streaming producers do: the store must not keep it.
			const chunk = new Uint8Array(chunkSize);
			const written = createHash('sha256');
			let seed = 0x9e3779b9;
			const writer = await store.writer('gold/fact_sales.parquet');
			for (let i = 0; i < chunks; i++) {
				for (let j = 0; j < chunkSize; j++) {
					seed ^= seed << 13;
					seed ^= seed >>> 17;
					seed ^= seed << 5;
					chunk[j] = seed & 0xff;
				}
				written.update(chunk);
				await writer.write(chunk);
			}
			await writer.close();
			const data = await store.read('gold/fact_sales.parquet');
			expect(data.byteLength).toBe(chunkSize * chunks);
			expect(createHash('sha256').update(data).digest('hex')).toBe(written.digest('hex'));
			expect(sizes(await store.list())).toEqual([['gold/fact_sales.parquet', 20 * 1024 * 1024]]);
		});
	});
}
