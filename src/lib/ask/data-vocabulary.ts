import { kpiRows } from '../analytics/run-kpi';
import { FILTER_OPTIONS_SQL, toFilterOptions } from '../filters/filter-options';
import type { SqlEngine } from '../sql/sql-engine';
import festivalDaysSql from './sql/festival-days.sql?raw';
import type { DataVocabulary } from './vocabulary';

/** The cities, categories, festival days and date span of the published Gold, for the question parser. */
export async function readDataVocabulary(sql: SqlEngine): Promise<DataVocabulary> {
	const [options, festivals] = await Promise.all([
		sql.query(FILTER_OPTIONS_SQL),
		kpiRows(sql, festivalDaysSql, {})
	]);
	const { cities, categories, dataStart, dataEnd } = toFilterOptions(options.rows);
	if (dataStart === null || dataEnd === null)
		throw new Error('The published Gold has no sales to ask about.');
	return {
		cities,
		categories,
		festivals: festivals.map((row) => ({ name: String(row.name), date: String(row.date) })),
		dataStart,
		dataEnd
	};
}
