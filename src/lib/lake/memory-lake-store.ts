import { compareLakePaths, lakeParent, normalizeLakePath, normalizeLakePrefix } from './lake-paths';
import { LakeNotFoundError, type LakeEntry, type LakeStore, type LakeWriter } from './lake-store';
import { gatheredFile, stagedWriter } from './staged-writer';

interface StoredFile {
	data: Uint8Array<ArrayBuffer>;
	modified: number;
}

/** A lake held in memory: the reference implementation of the port, for tests and browsers without OPFS. */
export class MemoryLakeStore implements LakeStore {
	readonly #files = new Map<string, StoredFile>();

	async list(prefix?: string): Promise<LakeEntry[]> {
		const root = normalizeLakePrefix(prefix);
		const entries: LakeEntry[] = [];
		for (const [path, file] of this.#files) {
			if (root === '' || path === root || path.startsWith(`${root}/`)) entries.push(toEntry(path, file));
		}
		return entries.sort((a, b) => compareLakePaths(a.path, b.path));
	}

	async stat(path: string): Promise<LakeEntry | null> {
		const target = normalizeLakePath(path);
		const file = this.#files.get(target);
		return file ? toEntry(target, file) : null;
	}

	async read(path: string): Promise<Uint8Array> {
		return this.#file(path).data.slice();
	}

	async blob(path: string): Promise<Blob> {
		return new Blob([this.#file(path).data]);
	}

	async write(path: string, data: Uint8Array): Promise<void> {
		this.#publish(normalizeLakePath(path), data.slice());
	}

	async writer(path: string): Promise<LakeWriter> {
		const target = normalizeLakePath(path);
		this.#assertWritable(target);
		return stagedWriter(
			target,
			gatheredFile(async (data) => this.#publish(target, data))
		);
	}

	async move(from: string, to: string): Promise<void> {
		const source = normalizeLakePath(from);
		const target = normalizeLakePath(to);
		const file = this.#files.get(source);
		if (!file) throw new LakeNotFoundError(source);
		if (source === target) return;
		this.#assertWritable(target);
		this.#files.delete(source);
		this.#files.set(target, file);
	}

	async delete(path: string): Promise<void> {
		const target = normalizeLakePath(path);
		for (const key of [...this.#files.keys()]) {
			if (key === target || key.startsWith(`${target}/`)) this.#files.delete(key);
		}
	}

	#file(path: string): StoredFile {
		const target = normalizeLakePath(path);
		const file = this.#files.get(target);
		if (!file) throw new LakeNotFoundError(target);
		return file;
	}

	#publish(path: string, data: Uint8Array<ArrayBuffer>): void {
		this.#assertWritable(path);
		this.#files.set(path, { data, modified: Date.now() });
	}

	/** Folders are implicit here, so the clashes a file system would refuse are checked by hand. */
	#assertWritable(path: string): void {
		for (let folder = lakeParent(path); folder !== ''; folder = lakeParent(folder)) {
			if (this.#files.has(folder)) throw new Error(`Cannot write "${path}": "${folder}" is a file`);
		}
		for (const key of this.#files.keys()) {
			if (key.startsWith(`${path}/`)) throw new Error(`Cannot write "${path}": it is a folder`);
		}
	}
}

function toEntry(path: string, file: StoredFile): LakeEntry {
	return { path, size: file.data.byteLength, modified: file.modified };
}
