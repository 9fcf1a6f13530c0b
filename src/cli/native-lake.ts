import { resolve } from 'node:path';
import { GoldTables, withGoldTables } from '../lib/analytics/gold-tables';
import { addMissingGoldColumns, earlierGoldStandIns } from '../lib/analytics/gold-compat';
import { DEFAULT_CURRENCY, setCurrency } from '../lib/format/number';
import { readLakeCurrency } from '../lib/lake/lake-currency';
import { NodeLakeStore } from '../lib/lake/node-lake-store';
import { settlePendingBatch } from '../lib/lake/pending-batch';
import type { ParquetCodec } from '../lib/parquet/parquet-codec';
import { readManifest, readTableFile } from '../lib/pipeline/run/manifest';
import type { LakeManifest } from '../lib/pipeline/types';
import { loadParquetTable } from '../lib/sql/load-parquet';
import type { SqlEngine } from '../lib/sql/sql-engine';

export interface NativeLake {
	root: string;
	store: NodeLakeStore;
	codec: ParquetCodec;
	sql: SqlEngine;
}

/**
 * A lake folder with native DuckDB and the Parquet codec, as the commands that query it need. Loaded on
 * demand, so the other commands never start native DuckDB. Figures are formatted in the lake's currency
 * from here on. Close `sql` when done.
 */
export async function openNativeLake(dir: string, options: { threads?: number } = {}): Promise<NativeLake> {
	const [{ DuckDBNativeEngine }, { openNodeParquetCodec }] = await Promise.all([
		import('../lib/sql/duckdb-native-engine'),
		import('../lib/parquet/node-parquet-codec')
	]);
	const root = resolve(dir);
	const store = new NodeLakeStore(root);
	await store.cleanTempFiles();
	await settlePendingBatch(store);
	setCurrency((await readLakeCurrency(store)) ?? DEFAULT_CURRENCY);
	const codec = await openNodeParquetCodec();
	const sql = await DuckDBNativeEngine.open(codec, { threads: options.threads });
	return { root, store, codec, sql };
}

/**
 * The lake's published version: its manifest, read once, and the engine with its Gold tables loaded on first
 * use as the pages see them (`gold_*`). Throws a sentence saying what to run when nothing is published yet.
 */
export async function publishedRun({ root, store, codec, sql }: NativeLake): Promise<{
	sql: SqlEngine;
	manifest: LakeManifest;
}> {
	const manifest = await readManifest(store);
	if (!manifest) throw new Error(`${root} has no published Gold yet: run "pipeline --lake ${root}" first.`);
	const gold = new GoldTables(
		async () => manifest,
		async (_path, table, file) => {
			await loadParquetTable(sql, codec, table, await readTableFile(store, file!));
			await addMissingGoldColumns(sql, table);
		},
		undefined,
		earlierGoldStandIns(sql)
	);
	return { sql: withGoldTables(sql, gold), manifest };
}
