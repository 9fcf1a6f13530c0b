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

/**
 * The format and text encoding of a file from its first bytes (already gunzipped): Parquet by its magic
 * number, a JSON array by `[`, NDJSON by `{`, else delimited text whose delimiter is the one that splits
 * the header line into the most fields (`,` `\t` `;` `|`, outside quotes). Text that is not UTF-8 is read as
 * Windows-1252 (Latin-1 and its superset), which every byte is. An empty or binary file is an ImportError.
 */
export function sniff(name: string, head: Uint8Array, whole: boolean): Sniffed {
	if (asciiAt(head, 0, 4) === PARQUET_MAGIC) return { format: { kind: 'parquet' }, encoding: 'utf-8' };
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

function countOutsideQuotes(line: string, delimiter: string): number {
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
