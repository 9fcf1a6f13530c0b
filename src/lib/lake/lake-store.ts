/**
 * LakeStore: the port every piece of code uses to reach the lake's files.
 * Paths are POSIX-style, relative to the lake root, without a leading slash
 * (`raw/pos_sales/b-001.csv`). Folders exist implicitly. Every method rejects a malformed path with a
 * `LakePathError` (see `lake-paths.ts`).
 */
export interface LakeEntry {
	/** Path relative to the lake root. */
	path: string;
	/** Size in bytes. */
	size: number;
	/** Last modification time, epoch milliseconds. */
	modified: number;
}

/** A streaming write that becomes visible under its final path only on `close()`. */
export interface LakeWriter {
	/**
	 * Appends a chunk. An adapter must be done with `chunk` when the promise resolves: callers reuse
	 * the buffer for the next chunk (the generator does, for speed).
	 */
	write(chunk: Uint8Array): Promise<void>;
	/** Flushes and publishes the file atomically (temp file, then rename). */
	close(): Promise<void>;
	/** Discards everything written; the final path is left untouched. */
	abort(): Promise<void>;
}

export interface LakeStore {
	/**
	 * Every file at or under `prefix` (the whole lake when omitted), recursively, sorted by path (plain
	 * string order). Temp files of unfinished writes are hidden. A missing prefix gives `[]`.
	 */
	list(prefix?: string): Promise<LakeEntry[]>;
	/** The file's entry, or null when no file has that path (a folder gives null too). */
	stat(path: string): Promise<LakeEntry | null>;
	/** The file's bytes; throws `LakeNotFoundError` when no file has that path. */
	read(path: string): Promise<Uint8Array>;
	/**
	 * The file as a Blob, e.g. for a download; throws `LakeNotFoundError` when no file has that path. OPFS
	 * hands out a disk-backed File without copying; it may become unreadable once the file is replaced.
	 */
	blob(path: string): Promise<Blob>;
	/** Writes a whole file atomically, replacing any previous version. */
	write(path: string, data: Uint8Array): Promise<void>;
	/** Opens a streaming, atomic writer. */
	writer(path: string): Promise<LakeWriter>;
	/** Moves a file, replacing the destination if it exists; throws `LakeNotFoundError` when `from` is missing. */
	move(from: string, to: string): Promise<void>;
	/** Deletes a file, or a folder with everything under it. Missing paths are not an error. */
	delete(path: string): Promise<void>;
}

/** Suffix of in-progress files; `list` never shows them. */
export const TEMP_SUFFIX = '.tmp-write';

/** Thrown by `read`, `blob` and `move` when no file has the path. Crosses Comlink with its `name` intact. */
export class LakeNotFoundError extends Error {
	override name = 'LakeNotFoundError';

	constructor(readonly path: string) {
		super(`No lake file at ${JSON.stringify(path)}`);
	}
}
