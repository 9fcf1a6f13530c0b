import { strFromU8, strToU8 } from 'fflate';
import type { LakeStore } from '$lib/lake/lake-store';
import { normalizeLakePath } from '$lib/lake/lake-paths';
import { Sha256, sha256Hex } from '$lib/lake/sha256';
import { MANIFEST_PATH } from '$lib/pipeline/run/lake-layout';
import { zipLakeFiles } from './lake-zip';
import { readZipDirectory, readZipEntry, ZipReadError, type ZipEntry } from './zip-reader';

/**
 * A backup of the whole lake as one zip, and its restore (docs/storage-privacy.md, "Backing up and
 * restoring"). The zip holds, in order: `retail-data-hub-backup.json` (what it is), every lake file under
 * `lake/<path>`, and `retail-data-hub-checksums.json` (each file's size and SHA-256). Entries are
 * written by `zipLakeFiles` (Parquet stored as it is, the rest deflated). A restore reads the zip by its directory
 * (`zip-reader.ts`), an entry at a time.
 *
 * A restore unpacks into `_restore/files/`, checks every file against the checksums, marks the folder
 * verified, and only then replaces the lake's files with it, the manifest last. The lake is untouched until
 * the backup proved whole; a tab closed while replacing is finished by `finishInterruptedRestore` when an
 * engine next starts.
 */

export const BACKUP_MARKER = 'retail-data-hub-backup.json';
export const BACKUP_CHECKSUMS = 'retail-data-hub-checksums.json';
const BACKUP_FORMAT = 'retail-data-hub-lake-backup';
const BACKUP_VERSION = 1;
const FILES_PREFIX = 'lake/';

/** Where a restore unpacks and checks the backup before it replaces the lake. */
export const RESTORE_FOLDER = '_restore';
const RESTORE_FILES = `${RESTORE_FOLDER}/files/`;
const RESTORE_VERIFIED = `${RESTORE_FOLDER}/verified.json`;

interface BackupMarker {
	format: typeof BACKUP_FORMAT;
	version: number;
	created: string;
	files: number;
	bytes: number;
}

type Checksums = Record<string, { size: number; sha256: string }>;

export interface BackupProgress {
	phase: 'zipping' | 'unpacking' | 'replacing';
	/** Files done so far. */
	files: number;
	/** Files in all, when known (zipping, replacing). */
	totalFiles?: number;
	/** Bytes of the zip read so far (unpacking). */
	bytes?: number;
	/** The zip's size (unpacking). */
	totalBytes?: number;
}

export interface BackupOptions {
	onProgress?: (progress: BackupProgress) => void;
	signal?: AbortSignal;
}

/** A zip that is not a lake backup, or a damaged one. Crosses Comlink with its `name` intact. */
export class BackupError extends Error {
	override name = 'BackupError';
}

/** Every file of the lake in one backup zip; files are read one at a time. */
export async function backupLake(
	store: LakeStore,
	{ onProgress, signal }: BackupOptions = {}
): Promise<Blob> {
	const entries = (await store.list()).filter((entry) => !entry.path.startsWith(`${RESTORE_FOLDER}/`));
	if (entries.length === 0) throw new BackupError('The lake is empty: there is nothing to back up.');
	const marker: BackupMarker = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		created: new Date().toISOString(),
		files: entries.length,
		bytes: entries.reduce((total, entry) => total + entry.size, 0)
	};
	const now = Date.now();
	const checksums: Checksums = {};
	// zipLakeFiles reads the sources in order, so the checksums, last, are complete when read.
	return zipLakeFiles([
		{ name: BACKUP_MARKER, modified: now, read: async () => strToU8(JSON.stringify(marker, null, 2)) },
		...entries.map((entry, index) => ({
			name: FILES_PREFIX + entry.path,
			modified: entry.modified,
			async read() {
				signal?.throwIfAborted();
				const data = await store.read(entry.path);
				checksums[entry.path] = { size: data.length, sha256: await sha256Hex(data) };
				onProgress?.({ phase: 'zipping', files: index + 1, totalFiles: entries.length });
				return data;
			}
		})),
		{ name: BACKUP_CHECKSUMS, modified: now, read: async () => strToU8(JSON.stringify(checksums, null, 2)) }
	]);
}

/** What a restore put in place of the lake's files. */
export interface RestoreResult {
	files: number;
	bytes: number;
	/** When the backup was made. */
	created: string;
}

/**
 * Replaces the lake's files with a backup's. Call it with the pipeline lock held. Rejects with a
 * `BackupError` naming the problem (not a backup, another version, a damaged or incomplete file), or with
 * the signal's reason when cancelled, leaving the lake as it was in every such case.
 */
export async function restoreLake(
	store: LakeStore,
	backup: Blob,
	{ onProgress, signal }: BackupOptions = {}
): Promise<RestoreResult> {
	await store.delete(RESTORE_FOLDER);
	try {
		const unpacked = await unpackBackup(store, backup, { onProgress, signal });
		signal?.throwIfAborted();
		await store.write(RESTORE_VERIFIED, strToU8(JSON.stringify(unpacked)));
	} catch (error) {
		await store.delete(RESTORE_FOLDER);
		throw error;
	}
	return finishRestore(store, onProgress);
}

/** Finishes a restore that was verified but not done replacing (a closed tab); false when there is none. */
export async function finishInterruptedRestore(store: LakeStore): Promise<boolean> {
	if (!(await store.stat(RESTORE_VERIFIED))) {
		await store.delete(RESTORE_FOLDER);
		return false;
	}
	await finishRestore(store);
	return true;
}

/**
 * Puts the verified files in place of the lake's: the manifest goes first (readers then see no Gold rather
 * than a version whose files are going), files the backup does not have are removed, the backup's are moved
 * in, the manifest last. Run again after an interruption, it picks up where it stopped.
 */
async function finishRestore(
	store: LakeStore,
	onProgress?: (progress: BackupProgress) => void
): Promise<RestoreResult> {
	const verified = JSON.parse(strFromU8(await store.read(RESTORE_VERIFIED))) as VerifiedRestore;
	const restored = new Set(verified.paths);
	if (await store.stat(`${RESTORE_FILES}${MANIFEST_PATH}`)) await store.delete(MANIFEST_PATH);
	for (const entry of await store.list()) {
		if (!entry.path.startsWith(`${RESTORE_FOLDER}/`) && !restored.has(entry.path))
			await store.delete(entry.path);
	}
	const staged = (await store.list(RESTORE_FILES)).map((entry) => entry.path.slice(RESTORE_FILES.length));
	const ordered = [
		...staged.filter((path) => path !== MANIFEST_PATH),
		...staged.filter((p) => p === MANIFEST_PATH)
	];
	for (const [index, path] of ordered.entries()) {
		await store.move(RESTORE_FILES + path, path);
		onProgress?.({ phase: 'replacing', files: index + 1, totalFiles: ordered.length });
	}
	await store.delete(RESTORE_FOLDER);
	return { files: verified.files, bytes: verified.bytes, created: verified.created };
}

/** What the restore folder's `verified.json` records: the backup proved whole, and the files it holds. */
interface VerifiedRestore extends RestoreResult {
	paths: string[];
}

/** Unpacks the backup's files into the restore folder and checks them; what a restore will put in place. */
async function unpackBackup(
	store: LakeStore,
	backup: Blob,
	{ onProgress, signal }: BackupOptions
): Promise<VerifiedRestore> {
	let entries: ZipEntry[];
	try {
		entries = await readZipDirectory(backup);
	} catch (error) {
		throw new BackupError(`${(error as Error).message}.`);
	}
	if (entries[0]?.name !== BACKUP_MARKER) {
		throw notABackup(entries.length ? `its first file is ${entries[0].name}` : 'it is empty');
	}
	const checksumsEntry = entries.find((entry) => entry.name === BACKUP_CHECKSUMS);
	if (!checksumsEntry)
		throw new BackupError('The backup is incomplete: it has no list of checksums. Make the backup again.');
	const marker = checkMarker(await readJson(backup, entries[0]));
	const checksums = (await readJson(backup, checksumsEntry)) as Checksums;

	const found: Checksums = {};
	let bytes = 0;
	for (const entry of entries) {
		if (entry === entries[0] || entry === checksumsEntry || entry.name.endsWith('/')) continue;
		if (!entry.name.startsWith(FILES_PREFIX)) {
			throw new BackupError(`The backup holds a file the lake has no place for: ${entry.name}.`);
		}
		signal?.throwIfAborted();
		const path = lakePathOf(entry.name);
		const writer = await store.writer(RESTORE_FILES + path);
		const hash = new Sha256();
		let size = 0;
		try {
			await readZipEntry(
				backup,
				entry,
				async (chunk) => {
					hash.update(chunk);
					size += chunk.length;
					await writer.write(chunk);
				},
				(read) => (bytes += read)
			);
			await writer.close();
		} catch (error) {
			await writer.abort().catch(() => {});
			throw error instanceof ZipReadError ? damaged(error) : error;
		}
		found[path] = { size, sha256: hash.hex() };
		onProgress?.({ phase: 'unpacking', files: Object.keys(found).length, bytes, totalBytes: backup.size });
	}
	checkFiles(found, checksums);
	return {
		paths: Object.keys(found),
		files: Object.keys(found).length,
		bytes: Object.values(found).reduce((total, file) => total + file.size, 0),
		created: marker.created
	};
}

/** A small JSON entry of the backup, parsed. */
async function readJson(backup: Blob, entry: ZipEntry): Promise<unknown> {
	const chunks: Uint8Array[] = [];
	try {
		await readZipEntry(backup, entry, async (chunk) => void chunks.push(chunk.slice()));
	} catch (error) {
		throw damaged(error);
	}
	const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
	chunks.reduce((offset, chunk) => (whole.set(chunk, offset), offset + chunk.length), 0);
	try {
		return JSON.parse(strFromU8(whole));
	} catch {
		throw new BackupError(
			`The backup's ${entry.name} is not valid JSON: the zip is damaged. Make the backup again.`
		);
	}
}

function lakePathOf(name: string): string {
	try {
		return normalizeLakePath(name.slice(FILES_PREFIX.length));
	} catch (error) {
		throw new BackupError(
			`The backup holds a file with a name the lake refuses (${name}): ${(error as Error).message}`
		);
	}
}

function checkMarker(json: unknown): BackupMarker {
	const marker = json as Partial<BackupMarker> | null;
	if (marker?.format !== BACKUP_FORMAT) throw notABackup(`its ${BACKUP_MARKER} names another format`);
	if (marker.version !== BACKUP_VERSION) {
		throw new BackupError(
			`This backup is of format version ${marker.version}; this version of the app restores version ${BACKUP_VERSION}. Open it with the app that made it.`
		);
	}
	return marker as BackupMarker;
}

/** Every file the checksums list arrived whole, and no other. */
function checkFiles(found: Checksums, expected: Checksums): void {
	for (const [path, want] of Object.entries(expected)) {
		const got = found[path];
		if (!got)
			throw new BackupError(
				`The backup is missing ${path}, which its checksums list. Make the backup again.`
			);
		if (got.size !== want.size || got.sha256 !== want.sha256) {
			throw new BackupError(
				`The backup's copy of ${path} is damaged (its checksum differs). Make the backup again.`
			);
		}
	}
	const extra = Object.keys(found).find((path) => !(path in expected));
	if (extra)
		throw new BackupError(
			`The backup holds ${extra}, which its checksums do not list: it was changed after it was made.`
		);
}

function notABackup(why: string): BackupError {
	return new BackupError(
		`This zip is not a lake backup made by Retail Data Hub (${why}). To bring in data files, use Import files instead.`
	);
}

function damaged(error: unknown): BackupError {
	const reason = error instanceof Error ? error.message : String(error);
	return new BackupError(
		`The backup could not be read: the zip is damaged (${reason}). Make the backup again.`
	);
}
