import { publishedTableName } from '$lib/analytics/gold-tables';
import { keyOfFriendlyPath } from '$lib/pipeline/run/lake-layout';
import type { ColumnInfo } from '$lib/sql/sql-engine';
import type { LakeFileInfo } from './engine-api';

/** A published table as the SQL console offers it: the name to query it by, and what it holds. */
export interface ConsoleTable {
	name: string;
	/** Its friendly lake path, `gold/fact_sales.parquet`. */
	path: string;
	rows: number | null;
	columns: ColumnInfo[];
}

/** The published Gold and Silver tables among the lake's files, Gold first, each layer by name. */
export function consoleTables(files: readonly LakeFileInfo[]): ConsoleTable[] {
	const tables: ConsoleTable[] = [];
	for (const file of files) {
		const key = file.stored ? keyOfFriendlyPath(file.path) : null;
		const name = key ? publishedTableName(key) : null;
		if (name) {
			tables.push({
				name,
				path: file.path,
				rows: file.parquet?.rows ?? null,
				columns: file.parquet?.columns ?? []
			});
		}
	}
	const layer = (name: string) => (name.startsWith('gold_') ? 0 : 1);
	return tables.sort((a, b) => layer(a.name) - layer(b.name) || a.name.localeCompare(b.name));
}

/** Queries a newcomer can start from, on the demo's Gold tables. */
export const CONSOLE_EXAMPLES: readonly { label: string; sql: string }[] = [
	{
		label: 'Revenue by month',
		sql: `SELECT date_key // 100 AS month, sum(net_amount) AS revenue, count(DISTINCT order_id) FILTER (WHERE NOT is_return) AS orders
FROM gold_fact_sales
WHERE NOT is_spike
GROUP BY month
ORDER BY month;`
	},
	{
		label: 'Top products',
		sql: `SELECT p.product_name, p.category, sum(f.quantity) AS units, sum(f.net_amount) AS revenue
FROM gold_fact_sales f JOIN gold_dim_product p USING (product_sk)
WHERE NOT f.is_spike
GROUP BY ALL
ORDER BY revenue DESC
LIMIT 10;`
	},
	{
		label: 'Rows held back',
		sql: `SELECT check_id, rule, dataset, count(*) AS rows, any_value(reason) AS example
FROM silver_quarantine
GROUP BY ALL
ORDER BY check_id, dataset;`
	},
	{
		label: 'Stock-outs by store',
		sql: `SELECT s.store_name, s.city, count(*) FILTER (WHERE i.is_stockout) AS stockouts, count(*) AS snapshots
FROM gold_fact_inventory i JOIN gold_dim_store s USING (store_sk)
GROUP BY ALL
ORDER BY stockouts DESC;`
	}
];
