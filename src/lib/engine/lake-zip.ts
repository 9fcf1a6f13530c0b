import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** One file to zip: its name in the zip, its time, and how to read its bytes. */
export interface ZipSource {
	name: string;
	modified: number;
	read(): Promise<Uint8Array>;
}

/** The files in one zip. Parquet is stored as it is (already compressed); anything else is deflated. Files are read one at a time. */
export async function zipLakeFiles(files: readonly ZipSource[]): Promise<Blob> {
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	let failure: Error | null = null;
	const zip = new Zip((error, chunk) => {
		if (error) failure = error;
		else chunks.push(chunk);
	});
	for (const source of files) {
		const file = source.name.endsWith('.parquet')
			? new ZipPassThrough(source.name)
			: new ZipDeflate(source.name, { level: 6 });
		file.mtime = source.modified;
		zip.add(file);
		file.push(await source.read(), true);
	}
	zip.end();
	if (failure) throw failure;
	return new Blob(chunks, { type: 'application/zip' });
}
