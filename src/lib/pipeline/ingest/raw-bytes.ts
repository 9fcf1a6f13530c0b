import type { LakeStore } from '../../lake/lake-store';
import { Sha256, sha256Hex } from '../../lake/sha256';
import { withRetry } from './retry';

/** How much of a raw file is read at a time: what a reader holds, with at most one unfinished row. */
export const WINDOW_BYTES = 16 << 20;

/** A raw file, read a range at a time (OPFS and Node hand out a disk-backed Blob: nothing more is read). */
export async function openRawFile(store: LakeStore, path: string): Promise<Blob> {
	return withRetry(() => store.blob(path));
}

/** Bytes `[from, to)` of a file, retried as every storage read. */
export async function readRange(file: Blob, from: number, to: number): Promise<Uint8Array> {
	return new Uint8Array(await withRetry(() => file.slice(from, to).arrayBuffer()));
}

/**
 * The SHA-256 of a raw file's bytes, read a window at a time: Web Crypto for a file of one window, else
 * the incremental digest (Web Crypto has none), so no file is ever held whole.
 */
export async function hashRawFile(store: LakeStore, path: string): Promise<string> {
	const file = await openRawFile(store, path);
	if (file.size <= WINDOW_BYTES) return sha256Hex(await readRange(file, 0, file.size));
	const hash = new Sha256();
	for (let at = 0; at < file.size; at += WINDOW_BYTES)
		hash.update(await readRange(file, at, at + WINDOW_BYTES));
	return hash.hex();
}
