import { RAW_DATASETS } from '../../contracts/raw-contracts';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent } from '../../sql/sql-text';
import { BRONZE_LINEAGE_COLUMNS, RAW_CONTRACTS } from '../../contracts/raw-contracts';
import type { RawDataset } from '../types';
import bronzeTablesSql from './bronze-tables.sql?raw';

const sourceView = (dataset: RawDataset): string => `silver_src_${dataset}`;

/** The datasets whose `bronze_<dataset>` table exists. */
export async function presentBronzeDatasets(sql: SqlEngine): Promise<Set<RawDataset>> {
	const names = new Set((await sql.query(bronzeTablesSql)).rows.map((row) => String(row.table_name)));
	return new Set(RAW_DATASETS.filter((dataset) => names.has(`bronze_${dataset}`)));
}

/**
 * One temporary view per dataset, `silver_src_<dataset>`: `_rowid` (the bronze row's identity within the
 * run), then exactly the contract and lineage columns (a file's extra columns are left behind); over the
 * bronze table when it exists, else empty, so every silver statement can read every dataset.
 */
export async function createSourceViews(sql: SqlEngine, present: Set<RawDataset>): Promise<void> {
	for (const dataset of RAW_DATASETS) {
		const columns = [
			{ name: '_rowid', type: 'BIGINT' },
			...RAW_CONTRACTS[dataset],
			...BRONZE_LINEAGE_COLUMNS
		];
		const isPresent = present.has(dataset);
		const select = columns.map(({ name, type }) => {
			const value = !isPresent ? 'NULL' : name === '_rowid' ? 'rowid' : quoteIdent(name);
			return `CAST(${value} AS ${type}) AS ${quoteIdent(name)}`;
		});
		const from = isPresent ? `FROM ${quoteIdent(`bronze_${dataset}`)}` : 'WHERE false';
		await sql.exec(
			`CREATE OR REPLACE TEMP VIEW ${sourceView(dataset)} AS SELECT ${select.join(', ')} ${from}`
		);
	}
}

export async function dropSourceViews(sql: SqlEngine): Promise<void> {
	for (const dataset of RAW_DATASETS) await sql.exec(`DROP VIEW IF EXISTS ${sourceView(dataset)}`);
}
