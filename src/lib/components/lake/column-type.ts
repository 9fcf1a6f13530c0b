const NUMERIC =
	/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)\b/i;

/** Whether a DuckDB type holds numbers (right-aligned in tables). */
export function isNumericType(type: string): boolean {
	return NUMERIC.test(type);
}
