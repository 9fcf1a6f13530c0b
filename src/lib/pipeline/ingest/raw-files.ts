import { RAW_DATASETS, type RawDataset } from '../../generate/raw-datasets';
import type { LakeStore } from '../../lake/lake-store';
import { sha256Hex } from '../../lake/sha256';
import type { RawFileRef } from '../types';
import { withRetry } from './retry';

const FORMATS = new Set<RawFileRef['format']>(['csv', 'ndjson', 'json', 'parquet']);
const DATASETS = new Set<string>(RAW_DATASETS);

/**
 * Every raw file the pipeline can ingest, sorted by path: `raw/<dataset>/<batch_id>.<format>` for the
 * seven datasets and the four formats (the extension's case aside). Anything else under `raw/` (the
 * generator's `_truth.json`, other folders or extensions, nested folders) is not a raw file.
 */
export async function listRawFiles(store: LakeStore): Promise<RawFileRef[]> {
	const files: RawFileRef[] = [];
	for (const { path } of await store.list('raw')) {
		const file = rawFileRef(path);
		if (file !== null) files.push(file);
	}
	return files;
}

function rawFileRef(path: string): RawFileRef | null {
	const [root, dataset, name, ...deeper] = path.split('/');
	if (root !== 'raw' || name === undefined || deeper.length > 0 || !DATASETS.has(dataset)) return null;
	const dot = name.lastIndexOf('.');
	const format = name.slice(dot + 1).toLowerCase() as RawFileRef['format'];
	if (dot <= 0 || !FORMATS.has(format)) return null;
	return { path, dataset: dataset as RawDataset, batchId: name.slice(0, dot), format };
}

/** The SHA-256 of a raw file's bytes: what the lake knows a raw file's version by. */
export async function hashRawFile(store: LakeStore, path: string): Promise<string> {
	return sha256Hex(await withRetry(() => store.read(path)));
}
