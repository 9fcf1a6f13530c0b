import { describe, expect, it } from 'vitest';
import {
	batchIdOf,
	DEFAULT_GENERATOR_CONFIG,
	generatorConfigProblems,
	GeneratorConfigError,
	resolveGeneratorConfig,
	SCALE_PRESETS
} from '$lib/generate/config';

describe('generator config', () => {
	it('fills defaults and names the batch after seed and range', () => {
		const config = resolveGeneratorConfig({ seed: 9 });
		expect(config).toEqual({ ...DEFAULT_GENERATOR_CONFIG, seed: 9 });
		expect(batchIdOf(config)).toBe('gen-s9-2023-01-01-2025-12-31');
		expect(SCALE_PRESETS).toEqual({ original: 70_000, '1m': 1_000_000, '5m': 5_000_000, '10m': 10_000_000 });
	});

	it('explains every problem in a sentence', () => {
		const problems = (input: Partial<typeof DEFAULT_GENERATOR_CONFIG>) =>
			generatorConfigProblems({ ...DEFAULT_GENERATOR_CONFIG, ...input });
		expect(problems({})).toEqual([]);
		expect(problems({ from: '2025-01-01', to: '2024-01-01' })).toEqual([
			'The start date 2025-01-01 is after the end date 2024-01-01.'
		]);
		expect(problems({ from: '2024-02-30' })[0]).toMatch(/start date must be a real date written YYYY-MM-DD/);
		expect(problems({ to: '2030-01-01' })[0]).toMatch(
			/outside the festival calendar \(2022-01-01 … 2027-12-31\)/
		);
		expect(problems({ from: '2025-01-01', to: '2025-02-01' })[0]).toMatch(/32 days; it needs at least 90/);
		expect(problems({ salesLines: 999 })[0]).toMatch(/Sales lines must be a whole number/);
		expect(problems({ salesLines: 20_000_001 })[0]).toMatch(/Sales lines/);
		expect(problems({ seed: -1 })[0]).toMatch(/seed/);
		expect(problems({ defectRate: 0.5 })[0]).toMatch(/defect rate/);
	});

	it('throws one error that lists them all', () => {
		try {
			resolveGeneratorConfig({ salesLines: 1.5, defectRate: -1 });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(GeneratorConfigError);
			expect((error as GeneratorConfigError).problems).toHaveLength(2);
		}
	});
});
