import * as Comlink from 'comlink';
import { normalizeLakePath, normalizeLakePrefix } from './lake-paths';
import { LakeNotFoundError, type LakeEntry, type LakeStore, type LakeWriter } from './lake-store';
import { gatheredFile, stagedWriter } from './staged-writer';

/**
 * One lake shared by several JavaScript realms (a page and its workers) over MessagePorts: for a browser
 * without OPFS, whose workers would otherwise each hold a separate in-memory lake, so the generator's files
 * would never reach the engine. One realm serves its store (`serveLake`); the others reach it through a
 * `RemoteLakeStore`.
 */

/** What crosses the port: the store's methods on whole files (a writer is staged on the caller's side). */
type LakeHost = Pick<LakeStore, 'list' | 'stat' | 'read' | 'blob' | 'write' | 'move' | 'delete'>;

/** Serves `store` on `port` until the port closes. */
export function serveLake(store: LakeStore, port: MessagePort): void {
	const host: LakeHost = {
		list: (prefix) => store.list(prefix),
		stat: (path) => store.stat(path),
		read: (path) => store.read(path),
		blob: (path) => store.blob(path),
		write: (path, data) => store.write(path, data),
		move: (from, to) => store.move(from, to),
		delete: (path) => store.delete(path)
	};
	Comlink.expose(host, port);
}

/**
 * A LakeStore whose files live in the realm at the other end of `port`. Paths are checked here, so a
 * malformed one fails before anything crosses; a streaming write is gathered here and crosses once, on
 * `close()`, so it becomes visible atomically as the port promises.
 */
export class RemoteLakeStore implements LakeStore {
	readonly #host: Comlink.Remote<LakeHost>;

	constructor(port: MessagePort) {
		this.#host = Comlink.wrap<LakeHost>(port);
	}

	async list(prefix?: string): Promise<LakeEntry[]> {
		return this.#host.list(normalizeLakePrefix(prefix));
	}

	async stat(path: string): Promise<LakeEntry | null> {
		return this.#host.stat(normalizeLakePath(path));
	}

	async read(path: string): Promise<Uint8Array> {
		const target = normalizeLakePath(path);
		return withNotFound(target, () => this.#host.read(target));
	}

	async blob(path: string): Promise<Blob> {
		const target = normalizeLakePath(path);
		return withNotFound(target, () => this.#host.blob(target));
	}

	async write(path: string, data: Uint8Array): Promise<void> {
		const copy = data.slice();
		await this.#host.write(normalizeLakePath(path), Comlink.transfer(copy, [copy.buffer]));
	}

	async writer(path: string): Promise<LakeWriter> {
		const target = normalizeLakePath(path);
		return stagedWriter(
			target,
			gatheredFile((whole) => this.#host.write(target, Comlink.transfer(whole, [whole.buffer])))
		);
	}

	async move(from: string, to: string): Promise<void> {
		const source = normalizeLakePath(from);
		const target = normalizeLakePath(to);
		return withNotFound(source, () => this.#host.move(source, target));
	}

	async delete(path: string): Promise<void> {
		return this.#host.delete(normalizeLakePath(path));
	}
}

/** Comlink rebuilds a thrown error as a plain Error with its name: give a missing file its own class back. */
async function withNotFound<T>(path: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if ((error as Error | null)?.name === 'LakeNotFoundError') throw new LakeNotFoundError(path);
		throw error;
	}
}
