import * as Comlink from 'comlink';
import { MemoryLakeStore } from '$lib/lake/memory-lake-store';
import { opfsAvailable } from '$lib/lake/opfs-lake-store';
import { readOpfsFile, type LakeFileReader } from '$lib/lake/published-run';
import { serveLake } from '$lib/lake/shared-lake';

/** A worker that can be handed the tab's in-memory lake. */
export interface SharedLakeWorker {
	connectLake(port: MessagePort): void;
}

let memory: MemoryLakeStore | null = null;

function tabMemoryLake(): MemoryLakeStore {
	return (memory ??= new MemoryLakeStore());
}

/** Whether this browser lacks the Origin Private File System, so the lake lives in this tab's memory. */
export function lakeInMemory(): boolean {
	return !opfsAvailable();
}

/**
 * Without OPFS, every worker of the tab (generator, importer, engine, forecast) must see one lake: the page
 * holds it and gives `worker` a port to it before any other call. With OPFS, the workers share the lake
 * through the file system and this does nothing. Returns what closes the page's end, for a worker ended.
 */
export function shareLakeWith(worker: Comlink.Remote<SharedLakeWorker>): () => void {
	if (!lakeInMemory()) return () => {};
	const { port1, port2 } = new MessageChannel();
	serveLake(tabMemoryLake(), port1);
	void worker.connectLake(Comlink.transfer(port2, [port2]));
	return () => port1.close();
}

/** How the page reads a lake file itself: from OPFS, or from the lake this tab holds in memory without it. */
export function tabLakeReader(): LakeFileReader {
	if (!lakeInMemory()) return readOpfsFile;
	const lake = tabMemoryLake();
	return (path) => lake.read(path);
}
