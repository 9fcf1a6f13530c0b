import { openAsBlob } from 'node:fs';
import { lstat, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
	compareLakePaths,
	isTempPath,
	lakePathSegments,
	normalizeLakePath,
	normalizeLakePrefix,
	tempPathFor
} from './lake-paths';
import { LakeNotFoundError, type LakeEntry, type LakeStore, type LakeWriter } from './lake-store';
import { stagedWriter, writeWhole } from './staged-writer';

/** A lake in a folder on disk (tests, headless runs). The folder is created on the first write. */
export class NodeLakeStore implements LakeStore {
	constructor(readonly root: string) {}

	async list(prefix?: string): Promise<LakeEntry[]> {
		const base = normalizeLakePrefix(prefix);
		if (base !== '') {
			const entry = await this.#entry(base);
			if (entry) return [entry];
		}
		const entries: LakeEntry[] = [];
		for await (const path of this.#walk(base)) {
			if (isTempPath(path)) continue;
			// A file deleted while the listing runs is simply left out.
			const entry = await this.#entry(path);
			if (entry) entries.push(entry);
		}
		return entries.sort((a, b) => compareLakePaths(a.path, b.path));
	}

	async stat(path: string): Promise<LakeEntry | null> {
		return this.#entry(normalizeLakePath(path));
	}

	async read(path: string): Promise<Uint8Array> {
		const buffer = await this.#readFile(path);
		// A plain view, so callers never meet Buffer's differences (its `slice` shares memory).
		return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	}

	/** The file as a disk-backed Blob: reading a slice of it reads only that range. */
	async blob(path: string): Promise<Blob> {
		const target = normalizeLakePath(path);
		try {
			const entry = await lstat(this.#abs(target));
			if (!entry.isFile()) throw new LakeNotFoundError(target);
			return await openAsBlob(this.#abs(target));
		} catch (error) {
			if (isMissing(error)) throw new LakeNotFoundError(target);
			throw error;
		}
	}

	async write(path: string, data: Uint8Array): Promise<void> {
		await writeWhole(await this.writer(path), data);
	}

	async writer(path: string): Promise<LakeWriter> {
		const target = normalizeLakePath(path);
		const finalPath = this.#abs(target);
		const tempPath = this.#abs(tempPathFor(target));
		await mkdir(dirname(finalPath), { recursive: true });
		const handle = await open(tempPath, 'wx');
		let position = 0;
		return stagedWriter(target, {
			write: async (chunk) => {
				// Positions are reserved synchronously, so writes not awaited one by one still land in order.
				const start = position;
				position += chunk.byteLength;
				for (let done = 0; done < chunk.byteLength;) {
					const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done, start + done);
					done += bytesWritten;
				}
			},
			publish: async () => {
				await handle.datasync();
				await handle.close();
				await rename(tempPath, finalPath);
			},
			discard: async () => {
				// The handle may already be closed when publishing failed.
				await handle.close().catch(() => undefined);
				await rm(tempPath, { force: true });
			}
		});
	}

	async move(from: string, to: string): Promise<void> {
		const source = normalizeLakePath(from);
		const target = normalizeLakePath(to);
		if (!(await this.#entry(source))) throw new LakeNotFoundError(source);
		if (source === target) return;
		await mkdir(dirname(this.#abs(target)), { recursive: true });
		await rename(this.#abs(source), this.#abs(target));
	}

	async delete(path: string): Promise<void> {
		try {
			await rm(this.#abs(normalizeLakePath(path)), { recursive: true, force: true });
		} catch (error) {
			if (!isMissing(error)) throw error;
		}
	}

	/** Deletes the temp files that interrupted writes left behind; returns their paths. Call at start-up. */
	async cleanTempFiles(): Promise<string[]> {
		const removed: string[] = [];
		for await (const path of this.#walk('')) {
			if (!isTempPath(path)) continue;
			await rm(this.#abs(path), { force: true });
			removed.push(path);
		}
		return removed.sort(compareLakePaths);
	}

	#abs(path: string): string {
		return join(this.root, ...lakePathSegments(path));
	}

	async #readFile(path: string): Promise<Buffer<ArrayBuffer>> {
		const target = normalizeLakePath(path);
		try {
			return await readFile(this.#abs(target));
		} catch (error) {
			if (isMissing(error) || errorCode(error) === 'EISDIR') throw new LakeNotFoundError(target);
			throw error;
		}
	}

	async #entry(path: string): Promise<LakeEntry | null> {
		try {
			const stats = await lstat(this.#abs(path));
			return stats.isFile() ? { path, size: stats.size, modified: Math.floor(stats.mtimeMs) } : null;
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		}
	}

	/** Every file path under `folder`, temp files included; a missing folder yields nothing. */
	async *#walk(folder: string): AsyncGenerator<string> {
		let children;
		try {
			children = await readdir(this.#abs(folder), { withFileTypes: true });
		} catch (error) {
			if (isMissing(error)) return;
			throw error;
		}
		for (const child of children) {
			const path = folder === '' ? child.name : `${folder}/${child.name}`;
			if (child.isDirectory()) yield* this.#walk(path);
			else if (child.isFile()) yield path;
		}
	}
}

function errorCode(error: unknown): unknown {
	return (error as NodeJS.ErrnoException | null)?.code;
}

/** ENOTDIR: a file stands where a folder of the path should be. */
function isMissing(error: unknown): boolean {
	const code = errorCode(error);
	return code === 'ENOENT' || code === 'ENOTDIR';
}
