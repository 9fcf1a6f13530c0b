import { RAW_DATASETS } from '$lib/contracts/raw-contracts';
import { BRONZE_LINEAGE_COLUMNS, RAW_CONTRACTS } from '$lib/contracts/raw-contracts';
import type { RawDataset } from '$lib/pipeline/types';
import type { SqlEngine } from '$lib/sql/sql-engine';

/** A bronze row by column; columns left out are NULL, lineage columns left out get defaults. */
export type BronzeRow = Record<string, string | number | null>;

/**
 * Creates `bronze_<dataset>` as docs/pipeline.md types it (contract columns, then the lineage), from hand-
 * written rows: CREATE TABLE … AS SELECT typed casts FROM VALUES. Rows come from `raw/<dataset>/b1.csv`,
 * numbered 1… in order, unless a row names its own lineage.
 */
export async function createBronze(sql: SqlEngine, dataset: RawDataset, rows: BronzeRow[]): Promise<void> {
	const columns = [...RAW_CONTRACTS[dataset], ...BRONZE_LINEAGE_COLUMNS];
	const values = rows.map((row, i) => {
		const file = (row._source_file as string | undefined) ?? `raw/${dataset}/b1.csv`;
		const lineage: BronzeRow = {
			_batch_id: file.replace(/^.*\/|\.\w+$/g, ''),
			_source_file: file,
			_row_number: i + 1,
			_ingested_at: '2025-07-01 00:00:00'
		};
		return `(${columns.map(({ name }) => literal(row[name] ?? lineage[name] ?? null)).join(', ')})`;
	});
	const aliases = columns.map((_, i) => `c${i}`);
	const select = columns.map(({ name, type }, i) => `CAST(${aliases[i]} AS ${type}) AS ${name}`).join(', ');
	const from =
		values.length > 0
			? `(VALUES ${values.join(', ')}) v(${aliases.join(', ')})`
			: `(SELECT ${aliases.map((a) => `NULL AS ${a}`).join(', ')} WHERE false)`;
	await sql.exec(`CREATE OR REPLACE TABLE bronze_${dataset} AS SELECT ${select} FROM ${from}`);
}

/** Drops every bronze table, so a test starts from an empty Bronze. */
export async function dropBronze(sql: SqlEngine): Promise<void> {
	for (const dataset of RAW_DATASETS) await sql.exec(`DROP TABLE IF EXISTS bronze_${dataset}`);
}

function literal(value: string | number | null): string {
	if (value === null) return 'NULL';
	return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** Rows written as a table: one array of values per row under `columns`, plus values shared by every row. */
export function rowsOf(
	columns: readonly string[],
	values: readonly (string | number | null)[][],
	shared: BronzeRow = {}
): BronzeRow[] {
	return values.map((row) => ({
		...shared,
		...Object.fromEntries(columns.map((column, i) => [column, row[i]]))
	}));
}
