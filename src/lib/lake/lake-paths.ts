import { TEMP_SUFFIX } from './lake-store';

/** A lake path that breaks the rules in `normalizeLakePath`. */
export class LakePathError extends Error {
	override name = 'LakePathError';

	constructor(
		readonly path: string,
		reason: string
	) {
		super(`Invalid lake path ${JSON.stringify(path)}: ${reason}`);
	}
}

/**
 * Checks a path to a lake file or folder and returns it in canonical form: POSIX separators, relative to
 * the lake root, no `.`/`..`/empty segments, no control characters, and not ending in `TEMP_SUFFIX`
 * (those names are reserved for unfinished writes, which `list` hides).
 */
export function normalizeLakePath(path: string): string {
	if (path === '') throw new LakePathError(path, 'it is empty');
	if (path.includes('\\')) throw new LakePathError(path, 'use "/" as the separator, not "\\"');
	if (path.startsWith('/')) throw new LakePathError(path, 'it must be relative to the lake root');
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
	if (/[\u0000-\u001f\u007f]/.test(path)) throw new LakePathError(path, 'it contains control characters');
	for (const segment of path.split('/')) {
		if (segment === '') throw new LakePathError(path, 'it has an empty segment');
		if (segment === '.' || segment === '..') {
			throw new LakePathError(path, `"${segment}" segments are not allowed`);
		}
	}
	if (isTempPath(path)) {
		throw new LakePathError(path, `names ending in "${TEMP_SUFFIX}" are reserved for unfinished writes`);
	}
	// Composed and decomposed accents must name the same file on every store.
	return path.normalize('NFC');
}

/** Like `normalizeLakePath`, but also accepts the lake root (`''` or undefined) and one trailing `/`. */
export function normalizeLakePrefix(prefix = ''): string {
	const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
	return trimmed === '' ? '' : normalizeLakePath(trimmed);
}

/** The segments of a canonical path (`[]` for the root). */
export function lakePathSegments(path: string): string[] {
	return path === '' ? [] : path.split('/');
}

/** Joins paths or segments into one canonical path. */
export function joinLakePath(...parts: string[]): string {
	return normalizeLakePath(parts.filter((part) => part !== '').join('/'));
}

/** The folder that holds a canonical path (`''` for a top-level entry). */
export function lakeParent(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash === -1 ? '' : path.slice(0, slash);
}

/** The last segment of a canonical path. */
export function lakeBasename(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

// Chromium's createWritable() keeps the data in a visible `<name>.crswap` swap file until close.
const CHROMIUM_SWAP_SUFFIX = '.crswap';

/** Whether a path or file name belongs to an unfinished write (a temp file or a browser's swap file of one). */
export function isTempPath(path: string): boolean {
	return path.endsWith(TEMP_SUFFIX) || path.endsWith(TEMP_SUFFIX + CHROMIUM_SWAP_SUFFIX);
}

/**
 * A fresh temp path beside `path` for one atomic write: `<path>.<random>` + `TEMP_SUFFIX`. Every writer
 * gets its own, so concurrent writers to one path never share a temp file; the last to close wins.
 */
export function tempPathFor(path: string): string {
	return `${path}.${crypto.randomUUID().slice(0, 8)}${TEMP_SUFFIX}`;
}

/** Orders paths by UTF-16 code units, the same on every store and locale. */
export function compareLakePaths(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
