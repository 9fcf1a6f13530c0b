import { expect } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import type { LakeStore } from '../../../src/lib/lake/lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * Generates a small lake (2,000 sales lines, the first quarter of 2024) into `store` and publishes it with a
 * real pipeline run on an engine of its own, closed afterwards: a page's engine then loads the Gold it reads
 * from the published Parquet, as in the app.
 */
export async function publishGeneratedLake(
	store: LakeStore,
	codec: ParquetCodec,
	seed: number
): Promise<void> {
	await generateRaw({ seed, salesLines: 2_000, from: '2024-01-01', to: '2024-03-31' }, store);
	const publisher = await openDuckDBWasmNode();
	try {
		expect((await runPipeline({ sql: publisher, store, codec })).status).toBe('succeeded');
	} finally {
		await publisher.close();
	}
}
