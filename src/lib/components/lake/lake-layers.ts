import type { LakeFileInfo } from '$lib/engine/engine-api';
import type { LakeManifest } from '$lib/pipeline/types';

export const MEDALLION_LAYERS = ['raw', 'bronze', 'silver', 'gold'] as const;
export type MedallionLayer = (typeof MEDALLION_LAYERS)[number];

export interface LayerTable {
	/** The dataset folder (`pos_sales`, `_rejects`) or the file's name without extension (`fact_sales`). */
	name: string;
	files: number;
	/** Data rows when known: Parquet footers, and raw files once the pipeline has ingested them. */
	rows: number | null;
	bytes: number;
}

export interface LayerSummary {
	layer: MedallionLayer;
	/** The layer's tables, then its side tables. */
	tables: LayerTable[];
	files: number;
	/** Rows of the layer's tables, side tables not counted; null when none is known. */
	rows: number | null;
	bytes: number;
}

/**
 * The lake's four layers from its listing: the tables in each (a folder of batches counts as one), with
 * rows and bytes. Raw files carry no row count of their own; the manifest's ingestion log supplies it.
 */
export function medallionLayers(
	files: readonly LakeFileInfo[],
	manifest: LakeManifest | null
): LayerSummary[] {
	const rawRows = new Map(manifest?.ingested.map((i) => [i.path, i.rows_raw]));
	return MEDALLION_LAYERS.map((layer) => {
		const tables = new Map<string, LayerTable>();
		for (const file of files) {
			const [top, ...rest] = file.path.split('/');
			if (top !== layer || rest.length === 0) continue;
			const name = rest.length > 1 ? rest[0] : rest[0].replace(/\.[^.]*$/, '');
			const table = tables.get(name) ?? { name, files: 0, rows: null, bytes: 0 };
			tables.set(name, table);
			table.files++;
			table.bytes += file.size;
			const rows = file.parquet?.rows ?? rawRows.get(file.path);
			if (rows !== undefined) table.rows = (table.rows ?? 0) + rows;
		}
		const list = [...tables.values()].sort(
			(a, b) => Number(isSideTable(a)) - Number(isSideTable(b)) || a.name.localeCompare(b.name)
		);
		const counted = list.filter((t) => t.rows !== null && !isSideTable(t));
		return {
			layer,
			tables: list,
			files: list.reduce((sum, t) => sum + t.files, 0),
			rows: counted.length ? counted.reduce((sum, t) => sum + (t.rows ?? 0), 0) : null,
			bytes: list.reduce((sum, t) => sum + t.bytes, 0)
		};
	});
}

/** Rows held beside a layer rather than in it (`_rejects`, `_quarantine`, `_orphans`), and notes (`_truth`). */
export function isSideTable(table: LayerTable): boolean {
	return table.name.startsWith('_');
}
