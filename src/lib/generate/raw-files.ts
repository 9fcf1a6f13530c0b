import type { LakeStore } from '../lake/lake-store';
import { RawFileWriter } from './batch-writer';
import { RAW_DATASETS, type RawDataset } from '../contracts/raw-contracts';
import { rawFormat, rawHeader, rawPath } from './raw-datasets';
import type { RawTruth } from './truth';

/** The raw files of one run, one writer per dataset, opened together and published or discarded together. */
export class RawFiles {
	private constructor(readonly writers: Record<RawDataset, RawFileWriter>) {}

	static async open(store: LakeStore, batchId: string): Promise<RawFiles> {
		const writers: Partial<Record<RawDataset, RawFileWriter>> = {};
		try {
			for (const dataset of RAW_DATASETS) {
				writers[dataset] = await RawFileWriter.open(store, rawPath(dataset, batchId), rawHeader(dataset));
			}
		} catch (error) {
			await Promise.all(Object.values(writers).map((writer) => writer.abort()));
			throw error;
		}
		return new RawFiles(writers as Record<RawDataset, RawFileWriter>);
	}

	/** Rows and bytes written so far, all files. */
	totals(): { linesWritten: number; bytesWritten: number } {
		const all = Object.values(this.writers);
		return {
			linesWritten: all.reduce((sum, writer) => sum + writer.rows, 0),
			bytesWritten: all.reduce((sum, writer) => sum + writer.bytes, 0)
		};
	}

	async flushFull(): Promise<void> {
		for (const dataset of RAW_DATASETS) await this.writers[dataset].flushIfFull();
	}

	/** Publishes every file; `unterminatedTails` ends a file with a cut-off last line (see `RawFileWriter.close`). */
	async close(unterminatedTails: Partial<Record<RawDataset, string>> = {}): Promise<void> {
		for (const dataset of RAW_DATASETS) await this.writers[dataset].close(unterminatedTails[dataset]);
	}

	/** Discards every file not yet published. */
	async abort(): Promise<void> {
		await Promise.all(Object.values(this.writers).map((writer) => writer.abort()));
	}

	/** Path, format, rows and bytes of each file, for the ground truth. */
	describe(): RawTruth['files'] {
		const entry = (dataset: RawDataset) => {
			const { path, rows, bytes } = this.writers[dataset];
			return [dataset, { path, format: rawFormat(dataset), rows, bytes }];
		};
		return Object.fromEntries(RAW_DATASETS.map(entry)) as RawTruth['files'];
	}
}
