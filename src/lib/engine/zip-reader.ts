import { Inflate } from 'fflate';

/**
 * Reads a zip by its central directory, one entry at a time in slices of the Blob, so a large zip is never
 * held whole. Unlike a front-to-back streaming unzip it never has to guess where an entry whose sizes come
 * after its data ends (a Parquet file may contain the bytes of a zip signature).
 */

/** One file of a zip, as its central directory describes it. */
export interface ZipEntry {
	name: string;
	/** 0: stored, 8: deflated. */
	compression: number;
	compressedSize: number;
	size: number;
	/** Where the entry's local header starts. */
	headerOffset: number;
}

/** A file that is not a zip, or one damaged or of a kind this reader does not handle. */
export class ZipReadError extends Error {
	override name = 'ZipReadError';
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const SLICE_BYTES = 4 * 1024 * 1024;

/** The zip's entries in the order of its central directory. */
export async function readZipDirectory(zip: Blob): Promise<ZipEntry[]> {
	// The end record is the last 22 bytes, plus a comment of up to 65,535 bytes.
	const tailStart = Math.max(0, zip.size - 22 - 65_535);
	const tail = await bytesOf(zip.slice(tailStart));
	let end = -1;
	for (let i = tail.length - 22; i >= 0; i--) {
		if (view(tail).getUint32(i, true) === END_OF_DIRECTORY) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new ZipReadError('The file is not a zip, or it was cut short');
	const endRecord = view(tail);
	const count = endRecord.getUint16(end + 10, true);
	const directorySize = endRecord.getUint32(end + 12, true);
	const directoryOffset = endRecord.getUint32(end + 16, true);
	if (count === 0xffff || directoryOffset === 0xffffffff) {
		throw new ZipReadError(
			'The zip is a ZIP64 archive (over 4 GB or 65,535 files), which cannot be read here'
		);
	}
	if (directoryOffset + directorySize > zip.size)
		throw new ZipReadError("The zip's directory lies past its end");
	const directory = await bytesOf(zip.slice(directoryOffset, directoryOffset + directorySize));
	const data = view(directory);
	const entries: ZipEntry[] = [];
	let at = 0;
	for (let i = 0; i < count; i++) {
		if (at + 46 > directory.length || data.getUint32(at, true) !== DIRECTORY_ENTRY) {
			throw new ZipReadError("The zip's directory is damaged");
		}
		const nameLength = data.getUint16(at + 28, true);
		const extraLength = data.getUint16(at + 30, true);
		const commentLength = data.getUint16(at + 32, true);
		entries.push({
			name: new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength)),
			compression: data.getUint16(at + 10, true),
			compressedSize: data.getUint32(at + 20, true),
			size: data.getUint32(at + 24, true),
			headerOffset: data.getUint32(at + 42, true)
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/**
 * The entry's bytes, uncompressed, handed to `onChunk` a piece at a time (awaited before the next is
 * read). `onRead` hears how many bytes of the zip each piece took.
 */
export async function readZipEntry(
	zip: Blob,
	entry: ZipEntry,
	onChunk: (chunk: Uint8Array) => Promise<void>,
	onRead?: (bytes: number) => void
): Promise<void> {
	if (entry.compression !== 0 && entry.compression !== 8) {
		throw new ZipReadError(
			`${entry.name} is compressed with method ${entry.compression}, which cannot be read here`
		);
	}
	const header = view(await bytesOf(zip.slice(entry.headerOffset, entry.headerOffset + 30)));
	if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_HEADER) {
		throw new ZipReadError(`the header of ${entry.name} is damaged`);
	}
	const start = entry.headerOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
	const end = start + entry.compressedSize;
	if (end > zip.size) throw new ZipReadError(`${entry.name} runs past the end of the zip`);

	let out: Uint8Array[] = [];
	const inflate = entry.compression === 8 ? new Inflate((chunk) => out.push(chunk)) : null;
	let written = 0;
	let offset = start;
	do {
		const next = Math.min(end, offset + SLICE_BYTES);
		const slice = await bytesOf(zip.slice(offset, next));
		if (inflate) {
			try {
				inflate.push(slice, next >= end);
			} catch (error) {
				throw new ZipReadError(`${entry.name} is damaged (${(error as Error).message})`);
			}
		} else out.push(slice);
		const pieces = out;
		out = [];
		for (const piece of pieces) {
			written += piece.length;
			if (written > entry.size) throw new ZipReadError(`${entry.name} is longer than its directory says`);
			await onChunk(piece);
		}
		onRead?.(slice.length);
		offset = next;
	} while (offset < end);
	if (written !== entry.size) throw new ZipReadError(`${entry.name} is shorter than its directory says`);
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
	return new Uint8Array(await blob.arrayBuffer());
}

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
