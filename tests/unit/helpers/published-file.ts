import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LakeManifest } from '../../../src/lib/pipeline/types';

/** The absolute path of the file a lake folder's manifest publishes for `key` (each version has its own). */
export async function publishedFile(lakeDir: string, key: string): Promise<string> {
	const manifest = JSON.parse(await readFile(join(lakeDir, '_manifest.json'), 'utf8')) as LakeManifest;
	const table = manifest.tables[key];
	if (!table) throw new Error(`${lakeDir} publishes no ${key}`);
	return join(lakeDir, table.path);
}
