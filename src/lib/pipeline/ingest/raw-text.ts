/** A raw row's original text, for `bronze_rejects.raw_text`; bytes that are not UTF-8 become U+FFFD. */
export function rawText(bytes: Uint8Array, from: number, to: number): string {
	return lenient.decode(bytes.subarray(from, to));
}

export function isValidUtf8(bytes: Uint8Array, from: number, to: number): boolean {
	try {
		strict.decode(bytes.subarray(from, to));
		return true;
	} catch {
		return false;
	}
}

/** Where a text file's content starts: after its UTF-8 byte order mark, if it has one. */
export function contentStart(bytes: Uint8Array): number {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Decodes UTF-8, throwing a `TypeError` on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
	return strict.decode(bytes);
}

const lenient = new TextDecoder();
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
