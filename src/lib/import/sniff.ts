import { ImportError } from './import-source';

/** How the file is laid out, worked out from its first bytes. */
export type SourceFormat =
	| { kind: 'delimited'; delimiter: string }
	| { kind: 'ndjson' }
	| { kind: 'json-array' }
	| { kind: 'parquet' };

export type SourceEncoding = 'utf-8' | 'windows-1252';

export interface Sniffed {
	format: SourceFormat;
	encoding: SourceEncoding;
}

/** How much of the content is looked at. */
export const SNIFF_BYTES = 64 * 1024;

/** Delimiters tried, with the names messages use. */
export const DELIMITERS: Record<string, string> = {
	',': 'comma',
	'\t': 'tab',
	';': 'semicolon',
	'|': 'pipe'
};

const PARQUET_MAGIC = 'PAR1';
const ZIP_MAGIC = 'PK\x03\x04';

/** UTF-16 by its byte order mark (`FF FE` or `FE FF`): its NUL bytes would otherwise read as binary. */
function isUtf16(head: Uint8Array): boolean {
	return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/**
 * The format and text encoding of a file from its first bytes (already gunzipped): Parquet by its magic
 * number, a JSON array by `[`, NDJSON by `{`, else delimited text whose delimiter is the one that splits
 * the header line into the most fields (`,` `\t` `;` `|`, outside quotes). Text that is not UTF-8 is read as
 * Windows-1252 (Latin-1 and its superset), which every byte is. An empty or binary file, a ZIP archive
 * (an Excel workbook) or UTF-16 text is an ImportError saying what to save it as.
 */
export function sniff(name: string, head: Uint8Array, whole: boolean): Sniffed {
	if (asciiAt(head, 0, 4) === PARQUET_MAGIC) return { format: { kind: 'parquet' }, encoding: 'utf-8' };
	if (asciiAt(head, 0, 4) === ZIP_MAGIC) {
		throw new ImportError(
			`${name} is a ZIP archive (an Excel .xlsx workbook, or zipped files), not a data file: save the sheet as CSV (or unzip it) and import that.`
		);
	}
	if (isUtf16(head)) {
		throw new ImportError(
			`${name} is UTF-16 text, which is not read: save it as UTF-8 (in Excel: CSV UTF-8) and import it again.`
		);
	}
	const nul = head.indexOf(0);
	if (nul >= 0) {
		throw new ImportError(
			`${name} is not a text file (byte ${nul + 1} is a NUL byte): import CSV, TSV, NDJSON, JSON or Parquet, gzipped or not.`
		);
	}
	const encoding: SourceEncoding = isUtf8(head, whole) ? 'utf-8' : 'windows-1252';
	const text = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
	const start = text.search(/\S/);
	if (start < 0) throw new ImportError(`${name} is empty: there is nothing to import.`);
	if (text[start] === '[') return { format: { kind: 'json-array' }, encoding };
	if (text[start] === '{') return { format: { kind: 'ndjson' }, encoding };
	return { format: { kind: 'delimited', delimiter: guessDelimiter(firstLine(text.slice(start))) }, encoding };
}

function isUtf8(head: Uint8Array, whole: boolean): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !whole });
		return true;
	} catch {
		return false;
	}
}

function firstLine(text: string): string {
	const end = text.search(/\r?\n/);
	return end < 0 ? text : text.slice(0, end);
}

/** The delimiter that splits the header into the most fields (outside quotes); a comma when none does. */
export function guessDelimiter(header: string): string {
	let best = ',';
	let bestCount = 0;
	for (const delimiter of Object.keys(DELIMITERS)) {
		const count = countOutsideQuotes(header, delimiter);
		if (count > bestCount) [best, bestCount] = [delimiter, count];
	}
	return best;
}

/**
 * For a header that none of the read delimiters splits: the character that seems to separate its names
 * (the most frequent punctuation; a space when there is none), in words for a message; null if neither.
 */
export function otherDelimiter(header: string): string | null {
	const counts = new Map<string, number>();
	for (const char of header) {
		if (/[\p{L}\p{N}_"' ]/u.test(char)) continue;
		counts.set(char, (counts.get(char) ?? 0) + 1);
	}
	const [best] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
	if (best !== undefined) return JSON.stringify(best);
	return header.trim().includes(' ') ? 'space' : null;
}

export function countOutsideQuotes(line: string, delimiter: string): number {
	let count = 0;
	let quoted = false;
	for (const char of line) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && char === delimiter) count++;
	}
	return count;
}

function asciiAt(bytes: Uint8Array, from: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(from, from + length));
}
