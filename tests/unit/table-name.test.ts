import { describe, expect, it } from 'vitest';
import { tableNameForPath } from '../../src/lib/engine/table-name';

describe('tableNameForPath', () => {
	it.each([
		['gold/fact_sales.parquet', 'fact_sales'],
		['analytics/Query Result (2).parquet', 'query_result_2_'],
		['silver/2024-sales.parquet', 't_2024_sales'],
		['top.parquet', 'top']
	])('%s → %s', (path, table) => expect(tableNameForPath(path)).toBe(table));
});
