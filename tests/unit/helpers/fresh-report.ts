import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DashboardPage, ReportOptions } from '../../../src/lib/analytics/reports';
import { AnalyticsService, type VersionedReport } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import type { LakeStore } from '../../../src/lib/lake/lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * A page's report from a fresh engine (DuckDB-WASM) loading the lake's published Gold, as a first visit's
 * engine computes it: the figures a longer-lived engine must match.
 */
export async function freshEngineReport<P extends DashboardPage>(
	store: LakeStore,
	codec: ParquetCodec,
	page: P,
	filters: KpiFilters,
	options?: ReportOptions
): Promise<VersionedReport<P>> {
	const sql = await openDuckDBWasmNode();
	try {
		const analytics = new AnalyticsService(new LakeService(sql, store, codec), () => readManifest(store));
		return await analytics.report(page, filters, options);
	} finally {
		await sql.close();
	}
}
