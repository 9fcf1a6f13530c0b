import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipLakeFolder } from '../../src/lib/engine/lake-zip';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('zipLakeFolder', () => {
	it('zips every file under the folder with its lake path, Parquet stored and the rest deflated', async () => {
		const store = new MemoryLakeStore();
		const parquet = bytes('PAR1'.repeat(500));
		await store.write('gold/fact_sales.parquet', parquet);
		await store.write('gold/_orphans.parquet', bytes('PAR1'));
		await store.write('gold/notes/readme.txt', bytes('hello '.repeat(200)));
		await store.write('silver/sales_lines.parquet', bytes('not in the zip'));

		const zip = new Uint8Array(await (await zipLakeFolder(store, 'gold/')).arrayBuffer());
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([
			'gold/_orphans.parquet',
			'gold/fact_sales.parquet',
			'gold/notes/readme.txt'
		]);
		expect(files['gold/fact_sales.parquet']).toEqual(parquet);
		expect(new TextDecoder().decode(files['gold/notes/readme.txt'])).toBe('hello '.repeat(200));
		// Stored (method 0) keeps the 2,000 Parquet bytes whole; the text shrinks.
		const method = (name: string) => {
			const at = indexOf(zip, bytes(name));
			return new DataView(zip.buffer, zip.byteOffset).getUint16(at - 30 + 8, true);
		};
		expect(method('gold/fact_sales.parquet')).toBe(0);
		expect(method('gold/notes/readme.txt')).toBe(8);
	});

	it('says so when the folder is empty', async () => {
		await expect(zipLakeFolder(new MemoryLakeStore(), 'gold')).rejects.toThrow(
			'There are no files under gold/ to download.'
		);
	});
});

/** Where `needle` first occurs in `haystack` (here: a file name in its local header, 30 bytes in). */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
	outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}
