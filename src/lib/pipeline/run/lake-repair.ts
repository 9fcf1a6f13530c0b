import type { LakeStore } from '../../lake/lake-store';
import type { SnapshotLeases } from '../../lake/snapshot-leases';
import type { LakeManifest } from '../types';
import { cleanUpLake } from './lake-cleanup';
import {
	LakeCorruptError,
	listManifestHistory,
	readManifest,
	readManifestVersion,
	readTableFile,
	writeManifest
} from './manifest';

/**
 * What is wrong with the lake, in a sentence naming the file, or null when the manifest and the files it
 * lists are all there with the sizes it says (a quick check: contents are checked against their
 * checksums whenever they are read).
 */
export async function lakeProblem(store: LakeStore): Promise<string | null> {
	try {
		const manifest = await readManifest(store);
		for (const table of Object.values(manifest?.tables ?? {})) {
			const entry = await store.stat(table.path);
			if (!entry) throw new LakeCorruptError(table.path, 'the manifest lists it but the file is missing');
			if (entry.size !== table.bytes) {
				throw new LakeCorruptError(
					table.path,
					`it has ${entry.size} bytes where the manifest says ${table.bytes}`
				);
			}
		}
		return null;
	} catch (error) {
		if ((error as Error | null)?.name === 'LakeCorruptError') return (error as Error).message;
		throw error;
	}
}

/**
 * Rolls the lake back to the newest earlier version that is whole (its manifest and every file it lists
 * match their checksums), committed as a new version (the next sequence) that publishes that version's
 * run again. Throws when no kept version is whole: then only a rebuild from Raw helps. Call with the
 * pipeline lock held.
 */
export async function rollBack(store: LakeStore, leases?: SnapshotLeases): Promise<LakeManifest> {
	const current = await readManifest(store).catch(() => null);
	const kept = await listManifestHistory(store);
	for (const sequence of kept) {
		if (current && sequence >= current.sequence) continue;
		const candidate = await readManifestVersion(store, sequence).catch(() => null);
		if (!candidate || !(await isWhole(store, candidate))) continue;
		const { checksum: _checksum, ...body } = candidate;
		const restored = await writeManifest(store, {
			...body,
			sequence: Math.max(current?.sequence ?? 0, ...kept) + 1,
			published_at: new Date().toISOString(),
			// The version rolled back from is not trusted, nor kept: the restored version starts afresh.
			previous: null
		});
		await cleanUpLake(store, leases);
		return restored;
	}
	throw new Error(
		'No earlier version of the lake is whole (the previous ones are gone or damaged too): rebuild the lake from its raw files.'
	);
}

/** The sequence a rebuilt lake's first version takes: above every version kept, so none is overwritten. */
export async function nextSequenceAfterAll(store: LakeStore): Promise<number> {
	return Math.max(0, ...(await listManifestHistory(store))) + 1;
}

async function isWhole(store: LakeStore, manifest: LakeManifest): Promise<boolean> {
	try {
		for (const table of Object.values(manifest.tables)) await readTableFile(store, table);
		return true;
	} catch {
		return false;
	}
}
