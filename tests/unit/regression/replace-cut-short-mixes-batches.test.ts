import { describe, expect, it } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { batchPaths } from '../../../src/lib/generate/lake-batches';
import { TRUTH_PATH } from '../../../src/lib/generate/raw-datasets';
import type { LakeStore, LakeWriter } from '../../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { PENDING_BATCH_PATH, settlePendingBatch } from '../../../src/lib/lake/pending-batch';

/**
 * Finding (issue 15, item 2, e2e faults.spec): a tab closed while "Replace the lake's data" landed its batch
 * (at 95 % of the progress bar) left the new batch's raw files beside the old ones, so the next pipeline run
 * built Gold from both datasets; closed a moment earlier, part of the new batch sat beside the old one. Now
 * a batch is announced before it lands, and the next opening of the lake finishes it (every file landed) or
 * takes back the files that landed.
 */
const SMALL = { salesLines: 1_000, from: '2024-01-01', to: '2024-03-31' };

const never = new Promise<never>(() => {});

/** The lake as a tab sees it until it is closed at the first operation `closesAt` picks: nothing after runs. */
function closingAt(
	store: LakeStore,
	closesAt: { delete?: (path: string) => boolean; publish?: (path: string) => boolean }
): LakeStore {
	let closed = false;
	const gate = <T>(hit: boolean, work: () => Promise<T>): Promise<T> => {
		if (closed || hit) {
			closed = true;
			return never;
		}
		return work();
	};
	return {
		list: (prefix) => gate(false, () => store.list(prefix)),
		stat: (path) => gate(false, () => store.stat(path)),
		read: (path) => gate(false, () => store.read(path)),
		blob: (path) => gate(false, () => store.blob(path)),
		write: (path, data) => gate(closesAt.publish?.(path) ?? false, () => store.write(path, data)),
		move: (from, to) => gate(false, () => store.move(from, to)),
		delete: (path) => gate(closesAt.delete?.(path) ?? false, () => store.delete(path)),
		writer: async (path): Promise<LakeWriter> => {
			const writer = await gate(false, () => store.writer(path));
			return {
				write: (chunk) => gate(false, () => writer.write(chunk)),
				close: () => gate(closesAt.publish?.(path) ?? false, () => writer.close()),
				abort: () => gate(false, () => writer.abort())
			};
		}
	};
}

async function rawFiles(store: LakeStore): Promise<string[]> {
	return (await store.list('raw')).map((entry) => entry.path).filter((path) => path !== TRUTH_PATH);
}

describe('regression: a replace cut short mixes batches', () => {
	async function lakeWithBatch(): Promise<{ store: MemoryLakeStore; first: string[] }> {
		const store = new MemoryLakeStore();
		const { batchId } = await generateRaw({ ...SMALL, seed: 1 }, store);
		return { store, first: batchPaths(batchId).sort() };
	}

	it('closed after the new batch landed, before the old files went: the replace is finished', async () => {
		const { store, first } = await lakeWithBatch();
		const cut = closingAt(store, { delete: (path) => first.includes(path) });
		void generateRaw({ ...SMALL, seed: 2 }, cut, { mode: 'replace' });
		await expect.poll(() => store.stat(PENDING_BATCH_PATH).then((entry) => entry !== null)).toBe(true);
		await expect.poll(async () => (await rawFiles(store)).length).toBe(first.length * 2);

		expect(await settlePendingBatch(store)).toBe('finished');
		const second = await rawFiles(store);
		expect(second).toHaveLength(first.length);
		expect(second.filter((path) => first.includes(path))).toEqual([]);
		expect(await store.stat(PENDING_BATCH_PATH)).toBeNull();
		expect(JSON.parse(new TextDecoder().decode(await store.read(TRUTH_PATH))).seed).toBe(2);
	});

	it('closed with part of the new batch landed: the files that landed go, the old batch stays', async () => {
		const { store, first } = await lakeWithBatch();
		let published = 0;
		const cut = closingAt(store, {
			publish: (path) => !first.includes(path) && path.startsWith('raw/') && ++published === 3
		});
		void generateRaw({ ...SMALL, seed: 2 }, cut, { mode: 'replace' });
		await expect.poll(async () => (await rawFiles(store)).length).toBe(first.length + 2);

		expect(await settlePendingBatch(store)).toBe('undone');
		expect(await rawFiles(store)).toEqual(first);
		expect(await store.stat(PENDING_BATCH_PATH)).toBeNull();
	});

	it('a lake without a batch pending is left alone', async () => {
		const { store, first } = await lakeWithBatch();
		expect(await settlePendingBatch(store)).toBeNull();
		expect(await rawFiles(store)).toEqual(first);
	});
});
