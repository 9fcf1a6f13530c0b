import { contentStart } from './raw-text';

/** How much of a text raw file is looked at to tell text from binary. */
export const SNIFF_BYTES = 64 * 1024;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Why a CSV or JSON raw file cannot be text worth parsing, or null: it is empty (nothing but a byte order
 * mark and white space), or its first 64 KB hold a NUL byte or bytes that are not UTF-8 (a binary file,
 * which parsed row by row would fill the rejects with garbage).
 */
export function notText(head: Uint8Array, fileBytes: number): string | null {
	if (fileBytes === 0 || isBlank(head, contentStart(head), fileBytes)) return 'The file is empty.';
	const sniffed = head.subarray(0, SNIFF_BYTES);
	const nul = sniffed.indexOf(0);
	if (nul >= 0) {
		return `The file is binary, not text: byte ${nul + 1} is a NUL byte. Raw files must be CSV or JSON text in UTF-8 (or Parquet).`;
	}
	try {
		// `stream`: a character cut off at the end of the sniffed bytes is not an error.
		new TextDecoder('utf-8', { fatal: true }).decode(sniffed, { stream: sniffed.length < fileBytes });
	} catch {
		return `The file is not UTF-8 text: its first ${formatKb(sniffed.length)} hold bytes that are not UTF-8. Save it as UTF-8 and import it again.`;
	}
	return null;
}

/** Whether every byte from `from` on is white space, as far as `head` goes and the file ends there. */
function isBlank(head: Uint8Array, from: number, fileBytes: number): boolean {
	for (let i = from; i < head.length; i++) {
		const byte = head[i];
		if (byte !== SPACE && byte !== TAB && byte !== LF && byte !== CR) return false;
	}
	return head.length === fileBytes;
}

function formatKb(bytes: number): string {
	return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
