import { formatInt } from '../../format/number';
/** How much of a rejected row's text `bronze_rejects.raw_text` keeps. */
export const REJECT_TEXT_BYTES = 2048;

/**
 * A raw row's original text, for `bronze_rejects.raw_text`; bytes that are not UTF-8 become U+FFFD. A row
 * longer than 2 KB keeps its first 2 KB and says how long it was.
 */
export function rawText(bytes: Uint8Array, from: number, to: number): string {
	if (to - from <= REJECT_TEXT_BYTES) return lenient.decode(bytes.subarray(from, to));
	return clippedText(bytes.subarray(from, from + REJECT_TEXT_BYTES), to - from);
}

/** The start of a long row's text and its length. */
export function clippedText(head: Uint8Array, bytes: number): string {
	return `${lenient.decode(head.subarray(0, REJECT_TEXT_BYTES))}… (${formatInt(bytes)} bytes in all)`;
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
