import { formatInt } from '../../format/number';
/** What a reader says after filling the stager: a chunk to append, or where the bytes it was given ran out. */
export type FillResult = 'chunk' | 'more' | 'done';

/** Reads one raw file's rows into a `RowStager`, a chunk at a time. */
export interface RowReader {
	/**
	 * Reads rows into the stager until it is full or has taken a chunk's worth of bytes (`chunk`), until
	 * the bytes it was fed hold no complete row more (`more`: feed it the rest), or to the end of the file
	 * (`done`). Append the stager's rows after every call.
	 */
	fill(): FillResult;
	/** Those of `required` the file has no column (or key) for. */
	missingColumns(required: readonly string[]): string[];
}

/** A reader fed the file a window at a time, so that no file is ever held whole. */
export interface WindowReader extends RowReader {
	/**
	 * The next bytes of the file: what the reader left unread (`consumed` on), then more; `final` when they
	 * reach the end of the file.
	 */
	feed(window: Uint8Array, final: boolean): void;
	/** Where the bytes the reader has not used start in the current window. */
	readonly consumed: number;
}

/**
 * The longest raw row (a record with all its fields) a reader takes, in bytes. A longer row is rejected
 * with its length, and never held whole: a file of one 40 MB field costs no more memory than a small one.
 */
export const MAX_ROW_BYTES = 1 << 20;

/** Why a row was too long. */
export function longRowReason(bytes: number): string {
	return `the row is longer than 1 MB (${formatInt(bytes)} bytes; a raw row may be 1 MB at most)`;
}
