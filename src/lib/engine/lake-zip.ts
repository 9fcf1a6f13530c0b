import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { LakeStore } from '$lib/lake/lake-store';

/**
 * Every file under `prefix` (e.g. `gold/`) in one zip, paths kept as in the lake. Parquet is stored as
 * it is (already compressed); anything else is deflated. Files are read one at a time.
 */
export async function zipLakeFolder(store: LakeStore, prefix: string): Promise<Blob> {
	const folder = prefix.replace(/\/+$/, '');
	const entries = await store.list(folder);
	if (entries.length === 0) throw new Error(`There are no files under ${folder}/ to download.`);
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	let failure: Error | null = null;
	const zip = new Zip((error, chunk) => {
		if (error) failure = error;
		else chunks.push(chunk);
	});
	for (const entry of entries) {
		const file = entry.path.endsWith('.parquet')
			? new ZipPassThrough(entry.path)
			: new ZipDeflate(entry.path, { level: 6 });
		file.mtime = entry.modified;
		zip.add(file);
		file.push(await store.read(entry.path), true);
	}
	zip.end();
	if (failure) throw failure;
	return new Blob(chunks, { type: 'application/zip' });
}
