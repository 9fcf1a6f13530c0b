import type { PublishedFigures } from '../analytics/published-figures';
import { MANIFEST_PATH } from '../pipeline/run/lake-layout';
import type { LakeManifest, ManifestFile } from '../pipeline/types';
import { LAKE_SETTINGS_PATH, parseLakeCurrency } from './lake-currency';
import { LAKE_FOLDER } from './opfs-lake-store';
import { sha256Hex } from './sha256';

/** What a page can know about the published lake before the engine has started. */
export interface PublishedRun {
	runId: string;
	/** The Gold tables it publishes, e.g. `gold/fact_sales`. */
	gold: string[];
	/** The dashboards' default figures published with it; absent in versions of earlier builds. */
	figures?: ManifestFile;
}

/**
 * Reads a lake file's bytes on the main thread: from OPFS (`readOpfsFile`), or from the lake the tab holds in
 * memory when the browser has no OPFS.
 */
export type LakeFileReader = (path: string) => Promise<Uint8Array>;

/** A lake file's bytes, read from OPFS with the asynchronous file API (the main thread has no other). */
export async function readOpfsFile(path: string): Promise<Uint8Array> {
	let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(LAKE_FOLDER);
	const parts = path.split('/');
	for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
	const file = await (await folder.getFileHandle(parts.at(-1)!)).getFile();
	return new Uint8Array(await file.arrayBuffer());
}

/** The lake's currency (docs/import.md, "Currency"), read on the main thread like the manifest; null without a setting. */
export async function readLakeCurrency(read: LakeFileReader): Promise<string | null> {
	try {
		return parseLakeCurrency(new TextDecoder().decode(await read(LAKE_SETTINGS_PATH)));
	} catch {
		return null; // no lake or no setting yet: the default currency
	}
}

/**
 * The published run, read from the manifest on the main thread, so a page can use it long before DuckDB is
 * ready. Null without a manifest, or a readable one.
 */
export async function readPublishedRun(read: LakeFileReader): Promise<PublishedRun | null> {
	try {
		const manifest = JSON.parse(new TextDecoder().decode(await read(MANIFEST_PATH))) as LakeManifest;
		const gold = Object.keys(manifest.tables ?? {}).filter((key) => key.startsWith('gold/'));
		if (typeof manifest.run_id !== 'string') return null;
		return { runId: manifest.run_id, gold, ...(manifest.figures ? { figures: manifest.figures } : {}) };
	} catch {
		return null; // no lake yet, no manifest yet, or one being replaced: the engine will tell
	}
}

/**
 * The figures `run` published, read like the manifest and checked against the manifest's size and SHA-256
 * and its run: null when it has none, or they cannot be read or trusted (the engine will tell).
 */
export async function readPublishedFigures(
	run: PublishedRun,
	read: LakeFileReader
): Promise<PublishedFigures | null> {
	if (!run.figures) return null;
	try {
		const bytes = await read(run.figures.path);
		if (bytes.byteLength !== run.figures.bytes || (await sha256Hex(bytes)) !== run.figures.sha256)
			return null;
		const figures = JSON.parse(new TextDecoder().decode(bytes)) as PublishedFigures;
		return figures.run_id === run.runId ? figures : null;
	} catch {
		return null;
	}
}
