import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	compareLakePaths,
	isTempPath,
	joinLakePath,
	lakeBasename,
	lakeParent,
	lakePathSegments,
	LakePathError,
	normalizeLakePath,
	normalizeLakePrefix,
	tempPathFor
} from '../../src/lib/lake/lake-paths';
import { TEMP_SUFFIX } from '../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { lakeStoreContract } from './lake-store.contract';

const folders: string[] = [];

async function freshFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'lake-store-'));
	folders.push(folder);
	return folder;
}

afterEach(async () => {
	await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

lakeStoreContract('MemoryLakeStore', () => new MemoryLakeStore());
lakeStoreContract('NodeLakeStore', async () => new NodeLakeStore(join(await freshFolder(), 'lake')));

describe('lake paths', () => {
	it('accepts canonical paths and composes accents to NFC', () => {
		expect(normalizeLakePath('raw/pos_sales/b-001.csv')).toBe('raw/pos_sales/b-001.csv');
		expect(normalizeLakePath('caf\u0065\u0301.csv')).toBe('caf\u00e9.csv');
		expect(normalizeLakePrefix()).toBe('');
		expect(normalizeLakePrefix('raw/')).toBe('raw');
	});

	it('explains why a path is rejected', () => {
		expect(() => normalizeLakePath('')).toThrow('Invalid lake path "": it is empty');
		expect(() => normalizeLakePath('/raw')).toThrow('it must be relative to the lake root');
		expect(() => normalizeLakePath('raw/../x')).toThrow('".." segments are not allowed');
		expect(() => normalizeLakePath('raw//x')).toThrow('it has an empty segment');
		expect(() => normalizeLakePath('raw\\x')).toThrow('use "/" as the separator');
		expect(() => normalizeLakePath('x' + TEMP_SUFFIX)).toThrow('reserved for unfinished writes');
		expect(() => normalizeLakePath(`x${TEMP_SUFFIX}.crswap`)).toThrow('reserved for unfinished writes');
		expect(() => normalizeLakePath('x\ny')).toThrow('control characters');
		expect(() => normalizeLakePrefix('//')).toThrow(LakePathError);
	});

	it('splits, joins and takes paths apart', () => {
		expect(lakePathSegments('raw/pos/b.csv')).toEqual(['raw', 'pos', 'b.csv']);
		expect(lakePathSegments('')).toEqual([]);
		expect(joinLakePath('raw', '', 'pos/b.csv')).toBe('raw/pos/b.csv');
		expect(() => joinLakePath('raw', '..')).toThrow(LakePathError);
		expect(lakeParent('raw/pos/b.csv')).toBe('raw/pos');
		expect(lakeParent('b.csv')).toBe('');
		expect(lakeBasename('raw/pos/b.csv')).toBe('b.csv');
		expect(lakeBasename('b.csv')).toBe('b.csv');
		expect([...['b', 'a/b', 'a.b', 'a-b', 'B'].sort(compareLakePaths)]).toEqual([
			'B',
			'a-b',
			'a.b',
			'a/b',
			'b'
		]);
	});

	it('gives every writer its own temp path beside the target', () => {
		const first = tempPathFor('gold/x.parquet');
		const second = tempPathFor('gold/x.parquet');
		expect(first).not.toBe(second);
		expect(first).toMatch(/^gold\/x\.parquet\.[0-9a-f]{8}\.tmp-write$/);
		expect(lakeParent(first)).toBe('gold');
		expect(isTempPath(first)).toBe(true);
		expect(isTempPath(`${first}.crswap`)).toBe(true);
		expect(isTempPath('gold/x.parquet')).toBe(false);
		expect(isTempPath('gold/x.parquet.crswap')).toBe(false);
	});
});

describe('NodeLakeStore on disk', () => {
	it('hides temp files of interrupted writes and cleans them up', async () => {
		const root = await freshFolder();
		const store = new NodeLakeStore(root);
		await store.write('gold/a.parquet', new Uint8Array([1, 2]));
		await mkdir(join(root, 'silver'));
		await writeFile(join(root, 'gold', `a.parquet.deadbeef${TEMP_SUFFIX}`), 'partial');
		await writeFile(join(root, 'silver', `b.parquet.cafebabe${TEMP_SUFFIX}`), 'partial');
		expect((await store.list()).map((entry) => entry.path)).toEqual(['gold/a.parquet']);

		expect(await store.cleanTempFiles()).toEqual([
			`gold/a.parquet.deadbeef${TEMP_SUFFIX}`,
			`silver/b.parquet.cafebabe${TEMP_SUFFIX}`
		]);
		expect(await readdir(join(root, 'gold'))).toEqual(['a.parquet']);
		expect(await readdir(join(root, 'silver'))).toEqual([]);
		expect(await store.read('gold/a.parquet')).toEqual(new Uint8Array([1, 2]));
	});

	it('keeps the temp file beside the target while a writer is open', async () => {
		const root = await freshFolder();
		const store = new NodeLakeStore(root);
		const writer = await store.writer('gold/a.parquet');
		await writer.write(new Uint8Array([7]));
		const [temp] = await readdir(join(root, 'gold'));
		expect(isTempPath(temp)).toBe(true);
		await writer.close();
		expect(await readdir(join(root, 'gold'))).toEqual(['a.parquet']);
	});
});
