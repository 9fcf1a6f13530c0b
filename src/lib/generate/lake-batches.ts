import type { LakeStore } from '../lake/lake-store';
import { RAW_DATASETS } from '../contracts/raw-contracts';
import { rawPath } from './raw-datasets';

/**
 * What generating does to a lake that already has data: `replace` its raw files with the new batch (the
 * next pipeline run's Gold is the new data only), or `add` the new batch beside them.
 */
export type GenerateMode = 'replace' | 'add';

/** `base`, or `base-2`, `base-3`, … : the first that no raw file of the lake uses as its batch id. */
export async function freeBatchId(store: LakeStore, base: string): Promise<string> {
	const taken = new Set<string>();
	for (const entry of await store.list('raw')) {
		const name = entry.path.split('/').at(-1) ?? '';
		const dot = name.lastIndexOf('.');
		taken.add(dot > 0 ? name.slice(0, dot) : name);
	}
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every raw file of a batch, as the generator writes them. */
export function batchPaths(batchId: string): string[] {
	return RAW_DATASETS.map((dataset) => rawPath(dataset, batchId));
}

/** The raw files a lake holds now (the generator's `_truth.json` aside). */
export async function rawFileCount(store: LakeStore): Promise<number> {
	return (await store.list('raw')).filter((entry) => !entry.path.endsWith('/_truth.json')).length;
}
