/// <reference lib="webworker" />
// The import worker: previews files and streams them into the OPFS lake's Raw layer, with progress and cancel.
import * as Comlink from 'comlink';
import { importFile, type ImportProgress, type ImportResult } from '$lib/import/import-file';
import { previewImport, type ImportPreview, type MappingChoice } from '$lib/import/import-preview';
import type { ImportMapping } from '$lib/import/mapping';
import { readSavedMappings } from '$lib/import/saved-mappings';
import { connectSharedLake, openLake } from '$lib/lake/browser-lake';

let running: AbortController | null = null;

/** An error a page can show: its message, whatever crossed the worker boundary. */
function plain(error: unknown): Error {
	if (error instanceof Error) {
		const copy = new Error(error.message);
		copy.name = error.name;
		return copy;
	}
	return new Error(String(error));
}

const api = {
	/** Without OPFS: the tab's in-memory lake, which the page holds (see `shareLakeWith`). */
	connectLake(port: MessagePort): void {
		connectSharedLake(port);
	},
	/** What importing the file would do; writes nothing. */
	async preview(file: File, choice: MappingChoice): Promise<ImportPreview> {
		try {
			const { store } = await openLake();
			const saved = await readSavedMappings(store);
			return await previewImport({ name: file.name, blob: file }, choice, undefined, saved);
		} catch (error) {
			throw plain(error);
		}
	},
	/** Imports the files one after another; rejects with an `AbortError` after `cancel()`, the file being written left out. */
	async import(
		files: { file: File; mapping: ImportMapping; saveFor?: string[] }[],
		onProgress: (progress: ImportProgress & { index: number }) => void
	): Promise<ImportResult[]> {
		if (running) throw new Error('An import is already running in this tab.');
		running = new AbortController();
		try {
			const { store } = await openLake();
			const results: ImportResult[] = [];
			for (const [index, { file, mapping, saveFor }] of files.entries()) {
				results.push(
					await importFile(store, { name: file.name, blob: file }, mapping, {
						signal: running.signal,
						saveFor,
						onProgress: (progress) => onProgress({ ...progress, index })
					})
				);
			}
			return results;
		} catch (error) {
			throw plain(error);
		} finally {
			running = null;
		}
	},
	cancel(): void {
		running?.abort();
	}
};

export type ImportApi = typeof api;

Comlink.expose(api);
