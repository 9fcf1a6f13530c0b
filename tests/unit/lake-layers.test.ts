import { describe, expect, it } from 'vitest';
import { medallionLayers } from '../../src/lib/components/lake/lake-layers';
import type { LakeFileInfo } from '../../src/lib/engine/engine-api';
import type { LakeManifest } from '../../src/lib/pipeline/types';

const file = (path: string, size: number, rows?: number): LakeFileInfo => ({
	path,
	size,
	modified: 0,
	...(rows === undefined ? {} : { parquet: { rows, columns: [] } })
});

describe('medallionLayers', () => {
	const files = [
		file('raw/_truth.json', 10),
		file('raw/pos_sales/b1.csv', 100),
		file('raw/pos_sales/b2.csv', 50),
		file('raw/stores/b1.csv', 5),
		file('bronze/pos_sales/b1.parquet', 40, 9),
		file('bronze/pos_sales/b2.parquet', 20, 4),
		file('bronze/_rejects/pos_sales/b1.parquet', 3, 1),
		file('silver/sales_lines.parquet', 30, 12),
		file('silver/_quarantine.parquet', 2, 1),
		file('analytics/quality/r.json', 7)
	];
	const manifest = {
		ingested: [
			{ path: 'raw/pos_sales/b1.csv', rows_raw: 10 },
			{ path: 'raw/pos_sales/b2.csv', rows_raw: 4 }
		]
	} as unknown as LakeManifest;

	it('groups batches into tables, counts rows from footers and the ingestion log, side tables apart', () => {
		const [raw, bronze, silver, gold] = medallionLayers(files, manifest);
		expect(raw).toEqual({
			layer: 'raw',
			tables: [
				{ name: 'pos_sales', files: 2, rows: 14, bytes: 150 },
				{ name: 'stores', files: 1, rows: null, bytes: 5 },
				{ name: '_truth', files: 1, rows: null, bytes: 10 }
			],
			files: 4,
			rows: 14,
			bytes: 165
		});
		expect(bronze.tables.map((t) => [t.name, t.rows])).toEqual([
			['pos_sales', 13],
			['_rejects', 1]
		]);
		expect(bronze.rows).toBe(13);
		expect(silver).toMatchObject({ rows: 12, files: 2, bytes: 32 });
		expect(gold).toEqual({ layer: 'gold', tables: [], files: 0, rows: null, bytes: 0 });
	});

	it('leaves raw rows unknown before any run', () => {
		expect(medallionLayers(files, null)[0].rows).toBeNull();
	});
});
