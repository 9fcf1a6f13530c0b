import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';
import type { LakeManifest } from '../../src/lib/pipeline/types';

/** The published sales fact's path in the lake. */
export const FACT_SALES = 'gold/fact_sales.parquet';

/** A lake file's text, read by the page straight from OPFS. */
export function readLakeText(page: Page, path: string): Promise<string> {
	return page.evaluate(async (path) => {
		const parts = path.split('/');
		let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
		return (await (await dir.getFileHandle(parts[parts.length - 1])).getFile()).text();
	}, path);
}

export async function readManifest(page: Page): Promise<LakeManifest> {
	return JSON.parse(await readLakeText(page, '_manifest.json')) as LakeManifest;
}

/** Every file below a lake folder (none when the folder is absent), read from OPFS. */
export async function lakeFilesUnder(page: Page, folder: string): Promise<string[]> {
	return Object.keys(await opfsLakeSizes(page)).filter((path) => path.startsWith(`${folder}/`));
}

/** Every file of the app's lake in OPFS (none before the lake exists) and its size in bytes, read straight from OPFS (not through the app). */
export function opfsLakeSizes(page: Page): Promise<Record<string, number>> {
	return opfsLakeFiles(page, false);
}

/**
 * Every file of the lake in OPFS (or those of `only`) as "<size> <sha256>", read and hashed in the page with
 * Web Crypto.
 */
export function opfsLakeFingerprints(page: Page, only?: string[]): Promise<Record<string, string>> {
	return opfsLakeFiles(page, true, only);
}

function opfsLakeFiles<T extends boolean>(
	page: Page,
	hash: T,
	only?: string[]
): Promise<Record<string, T extends true ? string : number>> {
	return page.evaluate(
		async ({ hash, only }) => {
			const files: Record<string, string | number> = {};
			async function walk(dir: FileSystemDirectoryHandle, prefix: string) {
				// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
				for await (const [name, handle] of dir.entries()) {
					const path = prefix ? `${prefix}/${name}` : name;
					if (handle.kind === 'directory') await walk(handle, path);
					else if (!only || only.includes(path)) {
						const file: File = await handle.getFile();
						if (!hash) files[path] = file.size;
						else {
							const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
							files[path] =
								`${file.size} ${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
						}
					}
				}
			}
			const lake = await (
				await navigator.storage.getDirectory()
			)
				.getDirectoryHandle('lake')
				.catch(() => null);
			if (lake) await walk(lake, '');
			return files;
		},
		{ hash, only }
	) as Promise<Record<string, T extends true ? string : number>>;
}

const SEED_PREFIX = '/__e2e-seed/';

/**
 * Copies a lake folder the CLI made (every file: raw, layers, manifests) into the context's OPFS `lake/`, as the
 * app would find it after a run of its own, before any app page opens. The files travel as request bodies from
 * a route of this test (no app code runs meanwhile); the page writes them with the OPFS API. `origin` is the
 * app's (`http://localhost:PORT`), needed where the page's context has no base URL.
 */
export async function seedLake(page: Page, dir: string, origin = ''): Promise<void> {
	const files = await filesBelow(dir);
	await page.route(`**${SEED_PREFIX}**`, async (route) => {
		const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(SEED_PREFIX.length));
		if (!path) await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' });
		else await route.fulfill({ body: await readFile(join(dir, path)) });
	});
	await page.goto(origin + SEED_PREFIX);
	await page.evaluate(
		async ({ prefix, files }) => {
			const root = await (
				await navigator.storage.getDirectory()
			).getDirectoryHandle('lake', { create: true });
			for (const path of files) {
				const parts = path.split('/');
				let dir = root;
				for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
				const response = await fetch(prefix + parts.map(encodeURIComponent).join('/'));
				if (!response.ok || !response.body) throw new Error(`seeding ${path}: HTTP ${response.status}`);
				const handle = await dir.getFileHandle(parts[parts.length - 1], { create: true });
				await response.body.pipeTo(await handle.createWritable());
			}
		},
		{ prefix: SEED_PREFIX, files }
	);
	await page.unroute(`**${SEED_PREFIX}**`);
}

/** Every file below `dir`, as paths relative to it with `/` separators. */
async function filesBelow(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}
