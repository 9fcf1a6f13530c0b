import type { LakeStore } from '../../lake/lake-store';
import { sha256Hex } from '../../lake/sha256';
import type { LakeManifest, ManifestTable } from '../types';
import { MANIFEST_PATH, MANIFESTS_FOLDER, manifestHistoryPath } from './lake-layout';

/**
 * A lake file that is not what the manifest says it is (unreadable JSON, a checksum that does not match,
 * a missing file). Its message names the file and the two ways out. Crosses Comlink with its `name`.
 */
export class LakeCorruptError extends Error {
	override name = 'LakeCorruptError';

	constructor(
		readonly path: string,
		detail: string
	) {
		super(
			`The lake file ${path} is damaged: ${detail}. Roll back to the previous version, or rebuild the ` +
				`lake from its raw files (Raw is the source of truth).`
		);
	}
}

/** A manifest without its checksum, as a run builds it. */
export type ManifestBody = Omit<LakeManifest, 'checksum'>;

/**
 * The lake's current version, checked against its checksum; null when nothing was ever published. When
 * `_manifest.json` is missing but earlier versions are kept (a commit cut short where the browser cannot
 * replace a file in one step), the newest kept version is the current one.
 */
export async function readManifest(store: LakeStore): Promise<LakeManifest | null> {
	const bytes = await readIfPresent(store, MANIFEST_PATH);
	if (bytes) return parseManifest(MANIFEST_PATH, bytes);
	const [newest] = await listManifestHistory(store);
	return newest ? readManifestVersion(store, newest) : null;
}

/** A kept version, `_manifests/<sequence>.json`, checked; throws LakeCorruptError when damaged or gone. */
export async function readManifestVersion(store: LakeStore, sequence: number): Promise<LakeManifest> {
	const path = manifestHistoryPath(sequence);
	const bytes = await readIfPresent(store, path);
	if (!bytes) throw new LakeCorruptError(path, 'the file is missing');
	return parseManifest(path, bytes);
}

/** The sequences of the kept versions, newest first. */
export async function listManifestHistory(store: LakeStore): Promise<number[]> {
	const sequences = (await store.list(MANIFESTS_FOLDER))
		.map(({ path }) => /^_manifests\/(\d+)\.json$/.exec(path)?.[1])
		.filter((digits): digits is string => digits !== undefined)
		.map(Number);
	return sequences.sort((a, b) => b - a);
}

/**
 * Commits a version: `_manifest.json` is replaced atomically (the commit point), then the same bytes are
 * kept as `_manifests/<sequence>.json` for rollback. Returns the manifest as written.
 */
export async function writeManifest(store: LakeStore, body: ManifestBody): Promise<LakeManifest> {
	const manifest: LakeManifest = { ...body, checksum: await checksumOf(body) };
	const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, '\t')}\n`);
	await store.write(MANIFEST_PATH, bytes);
	await store.write(manifestHistoryPath(manifest.sequence), bytes);
	return manifest;
}

/** A published file's bytes, checked against the manifest's size and SHA-256. */
export async function readTableFile(store: LakeStore, table: ManifestTable): Promise<Uint8Array> {
	const bytes = await readIfPresent(store, table.path);
	if (!bytes) throw new LakeCorruptError(table.path, 'the manifest lists it but the file is missing');
	if (bytes.byteLength !== table.bytes || (await sha256Hex(bytes)) !== table.sha256) {
		throw new LakeCorruptError(table.path, 'its bytes do not match the checksum in the manifest');
	}
	return bytes;
}

async function parseManifest(path: string, bytes: Uint8Array): Promise<LakeManifest> {
	let parsed: Partial<LakeManifest> & { version?: unknown };
	try {
		parsed = JSON.parse(new TextDecoder().decode(bytes));
	} catch (error) {
		throw new LakeCorruptError(path, `it is not valid JSON (${(error as Error).message})`);
	}
	if (parsed?.version !== 2) {
		throw new LakeCorruptError(
			path,
			parsed?.version === 1
				? 'it was written by an earlier build of Retail Data Hub, before versioned files'
				: 'it is not a Retail Data Hub manifest'
		);
	}
	const { checksum, ...body } = parsed as LakeManifest;
	if (checksum !== (await checksumOf(body))) {
		throw new LakeCorruptError(path, 'its checksum does not match its content');
	}
	return parsed as LakeManifest;
}

/** SHA-256 of the body's compact JSON; JSON keeps key order, so a manifest read back hashes the same. */
function checksumOf(body: ManifestBody): Promise<string> {
	return sha256Hex(new TextEncoder().encode(JSON.stringify(body)));
}

async function readIfPresent(store: LakeStore, path: string): Promise<Uint8Array | null> {
	try {
		return await store.read(path);
	} catch (error) {
		// By name: a store behind Comlink rethrows a plain Error that keeps only the name.
		if ((error as Error | null)?.name === 'LakeNotFoundError') return null;
		throw error;
	}
}
