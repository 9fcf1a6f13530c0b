/**
 * LakeStore: the port every piece of code uses to reach the lake's files.
 * Paths are POSIX-style, relative to the lake root, without a leading slash
 * (`raw/pos_sales/b-001.csv`). Folders exist implicitly.
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
	write(chunk: Uint8Array): Promise<void>;
	/** Flushes and publishes the file atomically (temp file, then rename). */
	close(): Promise<void>;
	/** Discards everything written; the final path is left untouched. */
	abort(): Promise<void>;
}

export interface LakeStore {
	/** Every file under `prefix` (recursively), sorted by path. Temp files of unfinished writes are hidden. */
	list(prefix?: string): Promise<LakeEntry[]>;
	/** The file's entry, or null when it does not exist. */
	stat(path: string): Promise<LakeEntry | null>;
	read(path: string): Promise<Uint8Array>;
	/** Writes a whole file atomically, replacing any previous version. */
	write(path: string, data: Uint8Array): Promise<void>;
	/** Opens a streaming, atomic writer. */
	writer(path: string): Promise<LakeWriter>;
	/** Moves a file, replacing the destination if it exists. */
	move(from: string, to: string): Promise<void>;
	/** Deletes a file, or a folder with everything under it. Missing paths are not an error. */
	delete(path: string): Promise<void>;
}

/** Suffix of in-progress files; `list` never shows them. */
export const TEMP_SUFFIX = '.tmp-write';
