import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, FragmentTable, RawFileWriter } from '$lib/generate/batch-writer';
import type { LakeStore } from '$lib/lake/lake-store';
import { MemoryLakeStore } from '$lib/lake/memory-lake-store';

const PATH = 'raw/test/b.csv';

async function written(fill: (file: RawFileWriter) => void, tail?: string): Promise<string> {
	const store = new MemoryLakeStore();
	const file = await RawFileWriter.open(store, PATH, 'h\n');
	fill(file);
	await file.close(tail);
	return new TextDecoder().decode(await store.read(PATH));
}

function row(file: RawFileWriter, write: () => void): void {
	file.beginRow();
	write();
	file.endRow();
}

describe('RawFileWriter', () => {
	it('writes numbers, amounts and times digit by digit', async () => {
		const text = await written((file) => {
			row(file, () => file.int(0));
			row(file, () => file.int(-5));
			row(file, () => file.int(1_234_567_890_123));
			row(file, () => file.padded(7, 8));
			row(file, () => file.paise(-129_900));
			row(file, () => file.paise(5));
			row(file, () => file.paise(1_000_000_001));
			row(file, () => file.clock(0));
			row(file, () => file.clock(86_399));
			row(file, () => file.text('₹1,29,999.00 "quoted"'));
		});
		expect(text.split('\n')).toEqual([
			'h',
			'0',
			'-5',
			'1234567890123',
			'00000007',
			'-1299.00',
			'0.05',
			'10000000.01',
			'00:00:00',
			'23:59:59',
			'₹1,29,999.00 "quoted"',
			''
		]);
	});

	it('counts data rows, re-sends exact copies, and cuts a short last line', async () => {
		const store = new MemoryLakeStore();
		const file = await RawFileWriter.open(store, PATH, 'a,b\n');
		const cities = new FragmentTable(['Mumbai', 'Delhi']);
		row(file, () => {
			cities.writeTo(file, 1);
			file.char(44);
			file.int(3);
		});
		file.resendLater();
		file.writeResent();
		await file.close('Mum');
		expect(new TextDecoder().decode(await store.read(PATH))).toBe('a,b\nDelhi,3\nDelhi,3\nMum');
		expect(file.rows).toBe(3);
		expect(file.bytes).toBe(23);
	});

	it('hands the lake ~1 MB chunks, only when full, and publishes on close', async () => {
		const chunks: number[] = [];
		const lake = new MemoryLakeStore();
		const store: LakeStore = Object.create(lake, {
			writer: {
				value: async (path: string) => {
					const writer = await lake.writer(path);
					return {
						...writer,
						write: async (chunk: Uint8Array) => (chunks.push(chunk.length), writer.write(chunk))
					};
				}
			}
		});
		const file = await RawFileWriter.open(store, PATH, '');
		const line = new TextEncoder().encode('x'.repeat(99));
		for (let i = 0; i < 30_000; i++) {
			row(file, () => file.put(line));
			await file.flushIfFull();
		}
		expect(await lake.list()).toEqual([]);
		await file.close();
		expect(chunks.slice(0, -1).every((size) => size >= CHUNK_BYTES && size < CHUNK_BYTES + 100)).toBe(true);
		expect(chunks.reduce((sum, size) => sum + size, 0)).toBe(3_000_000);
		expect((await lake.stat(PATH))?.size).toBe(3_000_000);
	});

	it('discards everything on abort', async () => {
		const store = new MemoryLakeStore();
		const file = await RawFileWriter.open(store, PATH, 'h\n');
		row(file, () => file.int(1));
		await file.abort();
		expect(await store.list()).toEqual([]);
	});
});
