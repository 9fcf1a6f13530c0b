import type { Page } from '@playwright/test';
import type { LakeManifest } from '../../src/lib/pipeline/types';

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
export function lakeFilesUnder(page: Page, folder: string): Promise<string[]> {
	return page.evaluate(async (folder) => {
		const files: string[] = [];
		async function walk(dir: FileSystemDirectoryHandle, prefix: string) {
			// @ts-expect-error -- the DOM lib lacks async iteration of directory handles
			for await (const [name, handle] of dir.entries()) {
				if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
				else files.push(`${prefix}${name}`);
			}
		}
		const lake = await (await navigator.storage.getDirectory()).getDirectoryHandle('lake');
		const dir = await lake.getDirectoryHandle(folder).catch(() => null);
		if (dir) await walk(dir, `${folder}/`);
		return files;
	}, folder);
}
