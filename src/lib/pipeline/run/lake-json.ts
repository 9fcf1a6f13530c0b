import type { LakeStore } from '../../lake/lake-store';

/** A JSON file of the lake, or null when there is none. */
export async function readLakeJson<T>(store: LakeStore, path: string): Promise<T | null> {
	try {
		return JSON.parse(new TextDecoder().decode(await store.read(path))) as T;
	} catch (error) {
		// By name: a store behind Comlink rethrows a plain Error that keeps only the name.
		if ((error as Error | null)?.name === 'LakeNotFoundError') return null;
		throw error;
	}
}

/** Writes a value as a JSON file (atomically, as every lake write); returns its size in bytes. */
export async function writeLakeJson(store: LakeStore, path: string, value: unknown): Promise<number> {
	const bytes = new TextEncoder().encode(`${JSON.stringify(value, null, '\t')}\n`);
	await store.write(path, bytes);
	return bytes.byteLength;
}
