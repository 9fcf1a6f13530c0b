import { concatBytes } from '../bytes/concat-bytes';

/**
 * A file to import: its name (for messages and the batch id) and its bytes as a Blob, which a browser
 * `File` is and Node hands out for a path (`fs.openAsBlob`). Nothing is read until a stream is opened.
 */
export interface ImportSource {
	name: string;
	blob: Blob;
}

/** Thrown for a file that cannot be imported at all; the message names the file and says what to do. */
export class ImportError extends Error {
	override name = 'ImportError';
}

/** gzip's magic number: a `.gz` is recognised by its bytes as well as by its name. */
const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzip(source: ImportSource): Promise<boolean> {
	const head = new Uint8Array(await source.blob.slice(0, 2).arrayBuffer());
	if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return true;
	if (/\.gz$/i.test(source.name) && source.blob.size > 0) {
		throw new ImportError(
			`${source.name} is named .gz but is not gzip data (it does not start with gzip's bytes 1f 8b): if it is not compressed, take .gz off its name and import it again.`
		);
	}
	return false;
}

/**
 * The error for gzip data that cannot be unpacked. The runtime's own words differ from browser to
 * browser (and say nothing a user can act on), so they are not passed on.
 */
export function damagedGzip(source: ImportSource): ImportError {
	return new ImportError(
		`${source.name}: the gzip data is damaged or cut short, so it cannot be unpacked: gzip the original file again and import that.`
	);
}

/** The file name without `.gz` and without its format's extension: `pos_sales.csv.gz` → `pos_sales`. */
export function baseName(name: string): string {
	const file = name.slice(name.lastIndexOf('/') + 1).replace(/\.gz$/i, '');
	const dot = file.lastIndexOf('.');
	return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * The file's bytes as a stream, gunzipped on the way (`DecompressionStream`), counting the compressed
 * bytes read so far for progress. Never holds the file whole.
 */
export async function openBytes(
	source: ImportSource,
	onBytesRead: (bytes: number) => void = () => {}
): Promise<ReadableStream<Uint8Array>> {
	let read = 0;
	const counted = source.blob.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				read += chunk.byteLength;
				onBytesRead(read);
				controller.enqueue(chunk);
			}
		})
	);
	if (!(await isGzip(source))) return counted;
	return counted.pipeThrough(
		new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
	);
}

/** The first `limit` bytes of the (decompressed) content, or all of it if shorter; the stream is cancelled. */
export async function readHead(
	source: ImportSource,
	limit: number
): Promise<{ head: Uint8Array; whole: boolean }> {
	const reader = (await openBytes(source)).getReader();
	const parts: Uint8Array[] = [];
	let length = 0;
	try {
		while (length < limit) {
			const { done, value } = await reader.read();
			if (done) return { head: concatBytes(parts), whole: true };
			parts.push(value);
			length += value.byteLength;
		}
	} catch (error) {
		throw error instanceof ImportError ? error : damagedGzip(source);
	} finally {
		await reader.cancel().catch(() => {});
	}
	return { head: concatBytes(parts).subarray(0, limit), whole: false };
}
