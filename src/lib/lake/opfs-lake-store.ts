import {
	compareLakePaths,
	isTempPath,
	lakeBasename,
	lakeParent,
	lakePathSegments,
	normalizeLakePath,
	normalizeLakePrefix,
	tempPathFor
} from './lake-paths';
import { LakeNotFoundError, type LakeEntry, type LakeStore, type LakeWriter } from './lake-store';
import { stagedWriter, writeWhole } from './staged-writer';

// the DOM lib lacks directory iteration (it sits in DOM.AsyncIterable, which this project does not load)
type IterableDirectory = FileSystemDirectoryHandle & {
	entries(): AsyncIterableIterator<[string, FileSystemFileHandle | FileSystemDirectoryHandle]>;
};

// the DOM lib lacks FileSystemHandle.move (shipped for OPFS in Chromium, Firefox and Safari)
type MovableFileHandle = FileSystemFileHandle & {
	move?(parent: FileSystemDirectoryHandle, name: string): Promise<void>;
};

// the DOM lib lacks sync access handles: they exist only in dedicated workers (the WebWorker lib)
interface SyncAccessHandle {
	write(buffer: AllowSharedBufferSource, options?: { at?: number }): number;
	flush(): void;
	close(): void;
}
type SyncCapableFileHandle = FileSystemFileHandle & {
	createSyncAccessHandle?(): Promise<SyncAccessHandle>;
};

/** Where the bytes of one streamed write go before the temp file is published. */
interface Sink {
	write(chunk: Uint8Array): Promise<void>;
	close(): Promise<void>;
	abort(): Promise<void>;
}

/** Whether this browser offers the Origin Private File System (WebKitGTK, for one, does not). */
export function opfsAvailable(): boolean {
	return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/** The OPFS folder the app's lake lives in. */
export const LAKE_FOLDER = 'lake';

/**
 * The lake in the Origin Private File System, under one folder of the OPFS root. Meant for dedicated
 * workers, where writes go through sync access handles; elsewhere it falls back to `createWritable()`.
 */
export class OpfsLakeStore implements LakeStore {
	constructor(readonly root: FileSystemDirectoryHandle) {}

	/** Opens (creating it if needed) the lake folder `folder` under the OPFS root. */
	static async open(folder = LAKE_FOLDER): Promise<OpfsLakeStore> {
		if (!opfsAvailable()) {
			throw new Error(
				'This browser has no Origin Private File System, so the lake cannot be kept on this device. ' +
					'Use a current Chrome, Edge, Firefox or Safari.'
			);
		}
		let dir = await navigator.storage.getDirectory();
		for (const name of lakePathSegments(normalizeLakePath(folder))) {
			dir = await dir.getDirectoryHandle(name, { create: true });
		}
		return new OpfsLakeStore(dir);
	}

	async list(prefix?: string): Promise<LakeEntry[]> {
		const base = normalizeLakePrefix(prefix);
		if (base !== '') {
			const entry = await this.#entry(base);
			if (entry) return [entry];
		}
		const dir = await this.#findFolder(base);
		if (!dir) return [];
		const entries: LakeEntry[] = [];
		for await (const { path, handle } of walk(dir, base)) {
			if (isTempPath(path)) continue;
			try {
				entries.push(await toEntry(path, handle));
			} catch (error) {
				// A file deleted while the listing runs is simply left out.
				if (!isMissing(error)) throw error;
			}
		}
		return entries.sort((a, b) => compareLakePaths(a.path, b.path));
	}

	async stat(path: string): Promise<LakeEntry | null> {
		return this.#entry(normalizeLakePath(path));
	}

	async read(path: string): Promise<Uint8Array> {
		return new Uint8Array(await (await this.blob(path)).arrayBuffer());
	}

	async blob(path: string): Promise<Blob> {
		const target = normalizeLakePath(path);
		const handle = await this.#findFile(target);
		if (!handle) throw new LakeNotFoundError(target);
		return handle.getFile();
	}

	async write(path: string, data: Uint8Array): Promise<void> {
		await writeWhole(await this.writer(path), data);
	}

	async writer(path: string): Promise<LakeWriter> {
		const target = normalizeLakePath(path);
		const dir = await this.#makeFolder(lakeParent(target));
		const tempName = lakeBasename(tempPathFor(target));
		const temp = await dir.getFileHandle(tempName, { create: true });
		const sink = await openSink(temp);
		return stagedWriter(target, {
			write: (chunk) => sink.write(chunk),
			publish: async () => {
				await sink.close();
				await publish(temp, dir, lakeBasename(target), target);
			},
			discard: async () => {
				// The sink is already closed when publishing failed.
				await sink.abort().catch(() => undefined);
				await dir.removeEntry(tempName).catch(ignoreMissing);
			}
		});
	}

	async move(from: string, to: string): Promise<void> {
		const source = normalizeLakePath(from);
		const target = normalizeLakePath(to);
		const handle = await this.#findFile(source);
		if (!handle) throw new LakeNotFoundError(source);
		if (source === target) return;
		await publish(handle, await this.#makeFolder(lakeParent(target)), lakeBasename(target), target);
	}

	async delete(path: string): Promise<void> {
		const target = normalizeLakePath(path);
		const dir = await this.#findFolder(lakeParent(target));
		await dir?.removeEntry(lakeBasename(target), { recursive: true }).catch(ignoreMissing);
	}

	/**
	 * Deletes the temp files that interrupted writes left behind; returns their paths. Call at start-up,
	 * before any write. A temp file still held open by a live writer (another worker or tab) is skipped.
	 */
	async cleanTempFiles(): Promise<string[]> {
		const stale: { path: string; dir: FileSystemDirectoryHandle }[] = [];
		// Collected first: removing entries while iterating their folder is not well defined.
		for await (const { path, dir } of walk(this.root, '')) if (isTempPath(path)) stale.push({ path, dir });
		const removed: string[] = [];
		for (const { path, dir } of stale) {
			try {
				await dir.removeEntry(lakeBasename(path));
				removed.push(path);
			} catch (error) {
				if (!isMissing(error) && !isLocked(error)) throw error;
			}
		}
		return removed.sort(compareLakePaths);
	}

	async #entry(path: string): Promise<LakeEntry | null> {
		const handle = await this.#findFile(path);
		return handle ? toEntry(path, handle) : null;
	}

	async #findFile(path: string): Promise<FileSystemFileHandle | null> {
		const dir = await this.#findFolder(lakeParent(path));
		if (!dir) return null;
		try {
			return await dir.getFileHandle(lakeBasename(path));
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		}
	}

	/** The folder at `path`, or null when it is missing or a file stands in its way. */
	async #findFolder(path: string): Promise<FileSystemDirectoryHandle | null> {
		let dir = this.root;
		for (const name of lakePathSegments(path)) {
			try {
				dir = await dir.getDirectoryHandle(name);
			} catch (error) {
				if (isMissing(error)) return null;
				throw error;
			}
		}
		return dir;
	}

	async #makeFolder(path: string): Promise<FileSystemDirectoryHandle> {
		let dir = this.root;
		for (const name of lakePathSegments(path)) {
			try {
				dir = await dir.getDirectoryHandle(name, { create: true });
			} catch (error) {
				if (errorName(error) !== 'TypeMismatchError') throw error;
				throw new Error(`Cannot create the lake folder "${path}": a file stands in its way`, {
					cause: error
				});
			}
		}
		return dir;
	}
}

async function* walk(
	dir: FileSystemDirectoryHandle,
	folder: string
): AsyncGenerator<{ path: string; dir: FileSystemDirectoryHandle; handle: FileSystemFileHandle }> {
	for await (const [name, handle] of (dir as IterableDirectory).entries()) {
		const path = folder === '' ? name : `${folder}/${name}`;
		if (handle.kind === 'directory') yield* walk(handle, path);
		else yield { path, dir, handle };
	}
}

async function toEntry(path: string, handle: FileSystemFileHandle): Promise<LakeEntry> {
	const file = await handle.getFile();
	return { path, size: file.size, modified: file.lastModified };
}

async function openSink(handle: FileSystemFileHandle): Promise<Sink> {
	const syncCapable = handle as SyncCapableFileHandle;
	if (typeof syncCapable.createSyncAccessHandle === 'function') {
		return syncSink(await syncCapable.createSyncAccessHandle());
	}
	return writableSink(await handle.createWritable());
}

function syncSink(access: SyncAccessHandle): Sink {
	let position = 0;
	return {
		write: async (chunk) => {
			const written = access.write(chunk, { at: position });
			if (written !== chunk.byteLength) {
				// Chromium has been seen to return a platform error code as an unsigned count (2³² − 8: no space).
				const reason =
					written > chunk.byteLength
						? 'the browser ran out of storage space for this site'
						: `only ${written} of ${chunk.byteLength} bytes were written`;
				throw new Error(`Writing to the lake failed: ${reason}.`);
			}
			position += written;
		},
		close: async () => {
			access.flush();
			access.close();
		},
		abort: async () => access.close()
	};
}

function writableSink(stream: FileSystemWritableFileStream): Sink {
	return {
		write: (chunk) => stream.write(ownsBuffer(chunk) ? chunk : chunk.slice()),
		close: () => stream.close(),
		abort: () => stream.abort()
	};
}

/**
 * Publishes `handle` as `name` in `dir` by renaming it. Chromium's move replaces an existing file in one
 * step; where an engine refuses to, that file is removed first: not atomic, hence the manifest written last.
 */
async function publish(
	handle: FileSystemFileHandle,
	dir: FileSystemDirectoryHandle,
	name: string,
	path: string
): Promise<void> {
	const movable = handle as MovableFileHandle;
	if (typeof movable.move !== 'function') {
		throw new Error('This browser cannot rename files in its private file system (FileSystemHandle.move).');
	}
	try {
		await movable.move(dir, name);
	} catch (error) {
		if (!(await removeFile(dir, name, path))) throw error;
		await movable.move(dir, name);
	}
}

/** Removes the file `name` from `dir`; false when there is none. */
async function removeFile(dir: FileSystemDirectoryHandle, name: string, path: string): Promise<boolean> {
	try {
		await dir.getFileHandle(name);
	} catch (error) {
		if (errorName(error) === 'NotFoundError') return false;
		if (errorName(error) === 'TypeMismatchError') throw new Error(`Cannot write "${path}": it is a folder`);
		throw error;
	}
	await dir.removeEntry(name);
	return true;
}

function ownsBuffer(chunk: Uint8Array): chunk is Uint8Array<ArrayBuffer> {
	return chunk.buffer instanceof ArrayBuffer;
}

function errorName(error: unknown): string | undefined {
	return error instanceof DOMException ? error.name : undefined;
}

/** TypeMismatchError: a file stands where a folder of the path should be, or the other way round. */
function isMissing(error: unknown): boolean {
	const name = errorName(error);
	return name === 'NotFoundError' || name === 'TypeMismatchError';
}

function isLocked(error: unknown): boolean {
	const name = errorName(error);
	return name === 'NoModificationAllowedError' || name === 'InvalidModificationError';
}

function ignoreMissing(error: unknown): void {
	if (!isMissing(error)) throw error;
}
