import { RAW_DATASETS, type RawDataset } from '../../generate/raw-datasets';
import type { LakeEntry, LakeStore } from '../../lake/lake-store';
import type { RawFileRef } from '../types';

const FORMATS = new Set<RawFileRef['format']>(['csv', 'ndjson', 'json', 'parquet']);
const DATASETS = new Set<string>(RAW_DATASETS);

/**
 * Every raw file the pipeline can ingest, sorted by path: `raw/<dataset>/<batch_id>.<format>` for the
 * seven datasets and the four formats (the extension's case aside). Anything else under `raw/` (the
 * generator's `_truth.json`, other folders or extensions, nested folders) is not a raw file.
 */
export async function listRawFiles(store: LakeStore): Promise<RawFileRef[]> {
	const files: RawFileRef[] = [];
	for (const entry of await store.list('raw')) {
		const file = rawFileRef(entry);
		if (file !== null) files.push(file);
	}
	return files;
}

function rawFileRef({ path, size, modified }: LakeEntry): RawFileRef | null {
	const [root, dataset, name, ...deeper] = path.split('/');
	if (root !== 'raw' || name === undefined || deeper.length > 0 || !DATASETS.has(dataset)) return null;
	const dot = name.lastIndexOf('.');
	const format = name.slice(dot + 1).toLowerCase() as RawFileRef['format'];
	if (dot <= 0 || !FORMATS.has(format)) return null;
	return { path, dataset: dataset as RawDataset, batchId: name.slice(0, dot), format, size, modified };
}
