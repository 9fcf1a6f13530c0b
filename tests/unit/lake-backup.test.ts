import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import {
	BackupError,
	backupLake,
	finishInterruptedRestore,
	restoreLake,
	RESTORE_FOLDER
} from '../../src/lib/engine/lake-backup';
import { zipLakeFiles } from '../../src/lib/engine/lake-zip';
import type { LakeStore } from '../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';

/** Bytes that look like zip signatures inside a Parquet file must not confuse the unzip. */
function binaryWithZipSignatures(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	let seed = 7;
	for (let i = 0; i < length; i++) bytes[i] = seed = (seed * 1103515245 + 12345) & 0xff;
	bytes.set([0x50, 0x4b, 0x03, 0x04, 0x50, 0x4b, 0x07, 0x08], 1000);
	bytes.set(strToU8('UNIQUE-MARKER-0123456789'), 5000);
	return bytes;
}

const SOURCE_FILES: Record<string, Uint8Array> = {
	'_manifest.json': strToU8('{"sequence":3,"run_id":"run-b"}'),
	'raw/pos_sales/gen-1.csv': strToU8('order_id,qty\nA1,2\nA2,5\n'.repeat(500)),
	'gold/fact_sales/run-b.parquet': binaryWithZipSignatures(200_000),
	'lake-settings.json': strToU8('{"currency":"GBP"}'),
	'user/empty.txt': new Uint8Array(0)
};

const TARGET_FILES: Record<string, Uint8Array> = {
	'_manifest.json': strToU8('{"sequence":9,"run_id":"run-old"}'),
	'raw/web_orders/old.ndjson': strToU8('{"order_id":"W1"}\n'),
	'gold/fact_sales/run-old.parquet': new Uint8Array([1, 2, 3])
};

async function storeWith(files: Record<string, Uint8Array>): Promise<MemoryLakeStore> {
	const store = new MemoryLakeStore();
	for (const [path, data] of Object.entries(files)) await store.write(path, data);
	return store;
}

/** A file's size and SHA-256 (Node's own), short enough for a readable diff. */
function fingerprint(data: Uint8Array): string {
	return `${data.length} bytes, sha256 ${createHash('sha256').update(data).digest('hex')}`;
}

/** Every file of the store, fingerprinted. */
async function contents(store: LakeStore): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const { path } of await store.list()) files[path] = fingerprint(await store.read(path));
	return files;
}

function plain(files: Record<string, Uint8Array>): Record<string, string> {
	return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, fingerprint(data)]));
}

async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await blob.arrayBuffer());
}

describe('lake backup and restore', () => {
	it('restores every file of the backed-up lake, byte for byte, in place of the lake it replaces', async () => {
		const backup = await backupLake(await storeWith(SOURCE_FILES));
		const target = await storeWith(TARGET_FILES);
		const result = await restoreLake(target, backup);
		expect(await contents(target)).toEqual(plain(SOURCE_FILES));
		const sourceBytes = Object.values(SOURCE_FILES).reduce((total, data) => total + data.length, 0);
		expect(result).toMatchObject({ files: 5, bytes: sourceBytes });
	});

	it('reports progress through zipping, unpacking and replacing', async () => {
		const zipping: number[] = [];
		const backup = await backupLake(await storeWith(SOURCE_FILES), {
			onProgress: (p) => zipping.push(p.files)
		});
		expect(zipping).toEqual([1, 2, 3, 4, 5]);
		const phases = new Set<string>();
		let replaced = 0;
		await restoreLake(await storeWith(TARGET_FILES), backup, {
			onProgress: (p) => {
				phases.add(p.phase);
				if (p.phase === 'replacing') replaced = p.files;
			}
		});
		expect([...phases]).toEqual(['unpacking', 'replacing']);
		expect(replaced).toBe(5);
	});

	it('refuses to back up an empty lake', async () => {
		await expect(backupLake(new MemoryLakeStore())).rejects.toThrow(/nothing to back up/);
	});

	it('refuses a zip that is not a backup and leaves the lake as it was', async () => {
		const goldZip = await zipLakeFiles([
			{ name: 'gold/fact_sales.parquet', modified: Date.now(), read: async () => new Uint8Array([1, 2, 3]) }
		]);
		const target = await storeWith(TARGET_FILES);
		const error = await restoreLake(target, goldZip).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(
			/not a lake backup made by Retail Data Hub \(its first file is gold\/fact_sales\.parquet\)/
		);
		expect(await contents(target)).toEqual(plain(TARGET_FILES));
	});

	it('refuses a backup whose file was changed, naming it, and leaves the lake as it was', async () => {
		const bytes = await bytesOf(await backupLake(await storeWith(SOURCE_FILES)));
		// Parquet is kept at deflate level 0, so its bytes appear in the zip as they are.
		const at = Buffer.from(bytes).indexOf('UNIQUE-MARKER');
		expect(at).toBeGreaterThan(0);
		bytes[at] ^= 0xff;
		const target = await storeWith(TARGET_FILES);
		await expect(restoreLake(target, new Blob([bytes]))).rejects.toThrow(
			/copy of gold\/fact_sales\/run-b\.parquet is damaged/
		);
		expect(await contents(target)).toEqual(plain(TARGET_FILES));
	});

	it('refuses a backup cut short and leaves the lake as it was', async () => {
		const bytes = await bytesOf(await backupLake(await storeWith(SOURCE_FILES)));
		const target = await storeWith(TARGET_FILES);
		const error = await restoreLake(target, new Blob([bytes.slice(0, Math.floor(bytes.length * 0.7))])).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(/^The file is not a zip, or it was cut short\.$/);
		expect(await contents(target)).toEqual(plain(TARGET_FILES));
	});

	it('stops when cancelled while unpacking and leaves the lake as it was', async () => {
		const backup = await backupLake(await storeWith(SOURCE_FILES));
		const target = await storeWith(TARGET_FILES);
		const controller = new AbortController();
		await expect(
			restoreLake(target, backup, {
				signal: controller.signal,
				onProgress: () => controller.abort(new DOMException('Cancelled', 'AbortError'))
			})
		).rejects.toThrow(/Cancelled/);
		expect(await contents(target)).toEqual(plain(TARGET_FILES));
	});

	it('finishes a verified restore that a closed tab interrupted while replacing files', async () => {
		const backup = await backupLake(await storeWith(SOURCE_FILES));
		const target = await storeWith(TARGET_FILES);
		let moves = 0;
		const closesAfterTwoMoves: LakeStore = {
			list: (prefix) => target.list(prefix),
			stat: (path) => target.stat(path),
			read: (path) => target.read(path),
			blob: (path) => target.blob(path),
			write: (path, data) => target.write(path, data),
			writer: (path) => target.writer(path),
			delete: (path) => target.delete(path),
			move: async (from, to) => {
				if (++moves > 2) throw new Error('the tab closed');
				return target.move(from, to);
			}
		};
		await expect(restoreLake(closesAfterTwoMoves, backup)).rejects.toThrow(/the tab closed/);
		expect((await target.list(RESTORE_FOLDER)).length).toBeGreaterThan(0);

		expect(await finishInterruptedRestore(target)).toBe(true);
		expect(await contents(target)).toEqual(plain(SOURCE_FILES));
	});

	it('drops an unverified restore folder left by a closed tab, keeping the lake', async () => {
		const target = await storeWith(TARGET_FILES);
		await target.write(`${RESTORE_FOLDER}/files/raw/half.csv`, strToU8('a,b\n'));
		expect(await finishInterruptedRestore(target)).toBe(false);
		expect(await contents(target)).toEqual(plain(TARGET_FILES));
	});
});
