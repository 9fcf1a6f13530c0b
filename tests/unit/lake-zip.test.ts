import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipLakeFiles, type ZipSource } from '../../src/lib/engine/lake-zip';

const bytes = (text: string) => new TextEncoder().encode(text);
const source = (name: string, data: Uint8Array): ZipSource => ({
	name,
	modified: Date.UTC(2025, 2, 1),
	read: async () => data
});

describe('zipLakeFiles', () => {
	it('zips every file under its name, Parquet stored and the rest deflated', async () => {
		const parquet = bytes('PAR1'.repeat(500));
		const zip = new Uint8Array(
			await (
				await zipLakeFiles([
					source('gold/fact_sales.parquet', parquet),
					source('gold/_orphans.parquet', bytes('PAR1')),
					source('gold/notes/readme.txt', bytes('hello '.repeat(200)))
				])
			).arrayBuffer()
		);
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
});

/** Where `needle` first occurs in `haystack` (here: a file name in its local header, 30 bytes in). */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
	outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}
