import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATOR_CONFIG } from '$lib/generate/config';
import { generateRaw } from '$lib/generate/generate-raw';
import { estimateGenerationBytes } from '$lib/generate/size-estimate';
import { MemoryLakeStore } from '$lib/lake/memory-lake-store';

describe('estimateGenerationBytes', () => {
	it('predicts the raw bytes of a generation it was not fitted to within 10 %', async () => {
		// Fitted at 70,000 and 1,000,000 lines with seed 42; checked here at 300,000 lines, another seed.
		const salesLines = 300_000;
		const store = new MemoryLakeStore();
		await generateRaw({ ...DEFAULT_GENERATOR_CONFIG, seed: 3, salesLines }, store);
		let written = 0;
		for (const file of await store.list('raw/')) written += file.size;
		expect(estimateGenerationBytes(salesLines).raw / written).toBeGreaterThan(0.9);
		expect(estimateGenerationBytes(salesLines).raw / written).toBeLessThan(1.1);
	});

	it('reproduces the two lakes it was fitted to within 2 %', () => {
		// Measured with the CLI (generate, then pipeline; `du -sb`): raw, and the whole lake after one run.
		const measured = [
			{ lines: 70_000, raw: 26_278_457, withLayers: 32_895_642 },
			{ lines: 1_000_000, raw: 249_544_348, withLayers: 323_603_605 }
		];
		for (const { lines, raw, withLayers } of measured) {
			const estimate = estimateGenerationBytes(lines);
			expect(Math.abs(estimate.raw / raw - 1)).toBeLessThan(0.02);
			expect(Math.abs(estimate.withLayers / withLayers - 1)).toBeLessThan(0.02);
		}
	});
});
