import { describe, expect, it } from 'vitest';
import { RAW_CONTRACTS, RAW_DATASETS, type BronzeType } from '../../../src/lib/contracts/raw-contracts';
import { previewImport } from '../../../src/lib/import/import-preview';

/** A value each Bronze type takes as it is, so a detected file previews without a reject. */
const GOOD: Record<BronzeType, string> = {
	VARCHAR: 'x',
	INTEGER: '3',
	DATE: '2024-01-05',
	TIMESTAMP: '2024-01-05 10:00:00',
	'DECIMAL(12,2)': '12.50',
	'DECIMAL(14,2)': '37.50'
};

/** The same shuffles every run: a small linear congruential generator. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let state = seed;
	for (let i = out.length - 1; i > 0; i--) {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		const j = state % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const csv = (rows: string[][]) => new Blob([rows.map((row) => row.join(',')).join('\n') + '\n']);

/**
 * A file's dataset comes from its columns: each raw contract's header, shuffled (three ways), upper-cased,
 * with columns no contract has, is still that dataset, every contract column mapped to its own source
 * column (the preview's first row, by contract name, holds the value written under it).
 */
describe('dataset detection through the preview', () => {
	for (const dataset of RAW_DATASETS) {
		it.each([1, 2, 3])(
			`finds ${dataset} in a shuffled, upper-case header with extra columns (shuffle %i)`,
			async (seed) => {
				const columns = shuffled(
					[...RAW_CONTRACTS[dataset].map((column) => column.name), 'loyalty_tier', 'notes'],
					seed * 7919 + dataset.length
				);
				const values = columns.map((name) => {
					const column = RAW_CONTRACTS[dataset].find((candidate) => candidate.name === name);
					return column ? GOOD[column.type] : `extra ${name}`;
				});
				const header = columns.map((name) => name.toUpperCase());
				const preview = await previewImport({ name: `export-${seed}.csv`, blob: csv([header, values]) });
				expect(preview.mapping?.dataset).toBe(dataset);
				expect(preview.needs).toEqual([]);
				expect(preview.problems).toEqual([]);
				expect(preview.mapping!.columns).toEqual(
					Object.fromEntries(RAW_CONTRACTS[dataset].map((column) => [column.name, column.name.toUpperCase()]))
				);
				const expected = Object.fromEntries(
					RAW_CONTRACTS[dataset].map((column) => [column.name, GOOD[column.type]])
				);
				expect(preview.sample[0].values).toMatchObject({ ...expected, loyalty_tier: 'extra loyalty_tier' });
			}
		);
	}

	it('sends an unknown header to mapping, naming the closest dataset and what it lacks', async () => {
		const preview = await previewImport({
			name: 'till-roll.csv',
			blob: csv([
				['Receipt', 'Till', 'SKU', 'Units', 'Paid'],
				['R1', 'T1', 'P1', '1', '10']
			])
		});
		expect(preview.candidates).toEqual([]);
		expect(preview.mapping).toBeNull();
		expect(preview.needs).toEqual([
			"till-roll.csv: no dataset's required columns are all there (closest: stores, missing store_id, city). Choose the dataset and map its columns."
		]);
		// Once the user chooses the dataset and maps the columns, it previews as that dataset.
		const mapped = await previewImport(
			{
				name: 'till-roll.csv',
				blob: csv([
					['Receipt', 'Till', 'SKU', 'Units', 'Paid', 'When'],
					['R1', 'T1', 'P1', '1', '10', '2024-01-05']
				])
			},
			{
				dataset: 'pos_sales',
				columns: {
					invoice_no: 'Receipt',
					invoice_date: 'When',
					store_id: 'Till',
					product_id: 'SKU',
					quantity: 'Units',
					unit_price: 'Paid'
				}
			}
		);
		expect(mapped.needs).toEqual([]);
		expect(mapped.sample[0].values).toMatchObject({
			invoice_no: 'R1',
			invoice_date: '2024-01-05',
			store_id: 'T1',
			quantity: '1',
			unit_price: '10'
		});
	});
});
