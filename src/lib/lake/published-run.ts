import { MANIFEST_PATH } from '../pipeline/run/lake-layout';
import type { LakeManifest } from '../pipeline/types';
import { LAKE_SETTINGS_PATH, parseLakeCurrency } from './lake-currency';
import { LAKE_FOLDER, opfsAvailable } from './opfs-lake-store';

/** What a page can know about the published lake before the engine has started. */
export interface PublishedRun {
	runId: string;
	/** The Gold tables it publishes, e.g. `gold/fact_sales`. */
	gold: string[];
}

/**
 * The lake's currency (docs/import.md, "Currency"), read from OPFS on the main thread like the manifest;
 * null without OPFS or a setting.
 */
export async function readOpfsLakeCurrency(): Promise<string | null> {
	if (!opfsAvailable()) return null;
	try {
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle(LAKE_FOLDER);
		return parseLakeCurrency(
			await (await lake.getFileHandle(LAKE_SETTINGS_PATH)).getFile().then((f) => f.text())
		);
	} catch {
		return null; // no lake or no setting yet: the default currency
	}
}

/**
 * The published run, read from the manifest in OPFS with the asynchronous file API, so a page can use it
 * (on the main thread) long before DuckDB is ready. Null without OPFS, a manifest, or a readable one.
 */
export async function readPublishedRun(): Promise<PublishedRun | null> {
	if (!opfsAvailable()) return null;
	try {
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle(LAKE_FOLDER);
		const file = await (await lake.getFileHandle(MANIFEST_PATH)).getFile();
		const manifest = JSON.parse(await file.text()) as LakeManifest;
		const gold = Object.keys(manifest.tables ?? {}).filter((key) => key.startsWith('gold/'));
		return typeof manifest.run_id === 'string' ? { runId: manifest.run_id, gold } : null;
	} catch {
		return null; // no lake yet, no manifest yet, or one being replaced: the engine will tell
	}
}
