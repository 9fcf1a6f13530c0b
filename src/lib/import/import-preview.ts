import { RAW_CONTRACTS, type RawDataset } from '../contracts/raw-contracts';
import { builtInCurrency, headerColumn, matchBuiltIn } from './built-in-mappings';
import { closestDataset, detectDatasets, fit } from './detect-dataset';
import { ImportError, isGzip, readHead, type ImportSource } from './import-source';
import { RowMapper, type ImportMapping, type MappedRow } from './mapping';
import { savedMappingFor, type SavedMappings } from './saved-mappings';
import { otherDelimiter, sniff, SNIFF_BYTES, type SourceEncoding, type SourceFormat } from './sniff';
import { SourceReader, type SourceValue } from './source-rows';
import { detectDateOrder, detectDecimalComma, type DateOrder } from './value-text';

/** Rows read for a preview: detection, the date order and the problems are judged on these. */
export const PREVIEW_ROWS = 2000;
/** Rows shown. */
const SHOWN_ROWS = 8;
/** Problems listed (all are counted). */
const LISTED_PROBLEMS = 20;

/** One row that would be rejected, and why. */
export interface RowProblem {
	row: number;
	reason: string;
	text?: string;
}

/** What a file of a JSON format must hold, said when none of its rows could be read. */
const FORMAT_RULES: Partial<Record<SourceFormat['kind'], string>> = {
	'json-array': ': a .json file must hold one array of objects',
	ndjson: ': an NDJSON file must hold one JSON object a line'
};

/** What an import would do with a file, before anything is written. */
export interface ImportPreview {
	file: string;
	bytes: number;
	gzip: boolean;
	format: SourceFormat;
	encoding: SourceEncoding;
	/** The file's columns (header, or the keys met in the rows read). */
	columns: string[];
	/** The datasets whose required columns the file has, best first (empty: it needs a mapping). */
	candidates: RawDataset[];
	/** The mapping the import would use: detected, or the one given. Null when no dataset was detected or given. */
	mapping: ImportMapping | null;
	/** Where `mapping` comes from (docs/import.md, "Which mapping"); null with it. */
	origin: MappingOrigin | null;
	/** Whether importing should save the mapping for the next file with this header: the user decided part of it. */
	saveMapping: boolean;
	/** The date order found in the rows read; null with `dateAmbiguous` when they fit DD/MM and MM/DD alike. */
	detectedDateOrder: DateOrder | null;
	dateAmbiguous: boolean;
	/**
	 * The date order the import would use: chosen, else the saved or built-in mapping's, else detected; null
	 * while the user must choose it (then `needs` says so).
	 */
	dateOrder: DateOrder | null;
	/** What the user must decide before importing; empty when the import can go ahead. */
	needs: string[];
	/** The first rows, mapped. */
	sample: { row: number; values: MappedRow }[];
	/** The source's first rows as read (for the mapping UI). */
	sourceSample: Record<string, SourceValue>[];
	rowsRead: number;
	/** Whether `rowsRead` is the whole file. */
	complete: boolean;
	rowsRejected: number;
	problems: RowProblem[];
}

/**
 * Where a preview's mapping comes from: the user's choices, the mapping saved for this header, a built-in
 * mapping of a well-known export, or the contract's own column names.
 */
export type MappingOrigin =
	| { kind: 'chosen' }
	| { kind: 'saved'; savedAt: string }
	| { kind: 'built-in'; id: string; label: string }
	| { kind: 'detected' };

/** What the user decided: a dataset, a mapping (columns and value conventions), or parts of one. */
export interface MappingChoice {
	dataset?: RawDataset;
	columns?: Record<string, string>;
	dateOrder?: DateOrder;
	decimalComma?: boolean;
	/** Leave the mapping saved for this header aside (to change it). */
	ignoreSaved?: boolean;
}

/**
 * Reads the start of a file and says what importing it would do: its format, which dataset it holds
 * (from its columns), the mapping, the first rows mapped, and the rows that would be rejected with
 * reasons. Writes nothing. `choice` overrides what is detected.
 */
export async function previewImport(
	source: ImportSource,
	choice: MappingChoice = {},
	signal?: AbortSignal,
	saved: SavedMappings = {}
): Promise<ImportPreview> {
	if (source.blob.size === 0)
		throw new ImportError(`${source.name} is empty (0 bytes): there is nothing to import.`);
	const { head, whole } = await readHead(source, SNIFF_BYTES);
	const sniffed = sniff(source.name, head, whole);
	const reader = new SourceReader(source, sniffed);
	const rows: { row: number; values: Map<string, SourceValue> }[] = [];
	const unreadable: RowProblem[] = [];
	let complete = true;
	for await (const row of reader.rows(signal)) {
		if ('problem' in row) unreadable.push({ row: row.row, reason: row.problem, text: row.text });
		else rows.push(row);
		if (rows.length + unreadable.length >= PREVIEW_ROWS) {
			complete = false;
			break;
		}
	}
	const columns = reader.columns;
	if (columns.length === 0) {
		const first = unreadable[0];
		throw new ImportError(
			first
				? `${source.name}: none of its rows could be read (row ${first.row}: ${first.reason})${FORMAT_RULES[sniffed.format.kind] ?? ''}.`
				: `${source.name} has no columns: there is nothing to import.`
		);
	}
	const candidates = detectDatasets(columns);
	const base = baseMapping(
		columns,
		choice,
		saved,
		rows.map(({ values }) => values)
	);
	const dataset = choice.dataset ?? base?.mapping.dataset ?? candidates[0]?.dataset;
	const needs: string[] = [];
	const decided = ['dataset', 'columns', 'dateOrder', 'decimalComma'].some(
		(key) => choice[key as keyof MappingChoice] !== undefined
	);

	let mapping: ImportMapping | null = null;
	let detectedDateOrder: DateOrder | null = 'ymd';
	let dateOrder: DateOrder | null = null;
	let dateAmbiguous = false;
	if (dataset === undefined && sniffed.format.kind === 'delimited' && columns.length === 1) {
		// Every dataset needs two columns or more: the delimiter is what to fix, not a mapping.
		const other = otherDelimiter(columns[0]);
		const looks = other
			? `its header looks ${other}-separated, which is not read`
			: 'no delimiter was found in its header';
		needs.push(
			`${source.name} has one column only (${looks}): save it comma-, tab-, semicolon- or pipe-separated and import it again.`
		);
	} else if (dataset === undefined) {
		const closest = closestDataset(columns);
		needs.push(
			`${source.name}: no dataset's required columns are all there (closest: ${closest.dataset}, missing ${closest.missing.join(', ')}). Choose the dataset and map its columns.`
		);
	} else {
		const given = base?.mapping.dataset === dataset ? base.mapping : undefined;
		const columnsMap = choice.columns ?? given?.columns ?? fit(dataset, columns).columns;
		const dateValues = valuesOf(rows, dataset, columnsMap, ['DATE', 'TIMESTAMP']);
		const dates = detectDateOrder(dateValues);
		detectedDateOrder = dates.order;
		dateAmbiguous = dates.ambiguous;
		dateOrder = choice.dateOrder ?? given?.dateOrder ?? dates.order;
		if (dateOrder === null) {
			needs.push(
				dates.conflicting
					? `${source.name}: its dates are written both DD/MM and MM/DD (e.g. ${dateValues.slice(0, 2).join(', ')}): choose the order; rows in the other will be rejected.`
					: `${source.name}: its dates (e.g. ${dateValues[0]}) read as DD/MM/YYYY and as MM/DD/YYYY alike: choose which.`
			);
		}
		const decimalComma =
			choice.decimalComma ??
			given?.decimalComma ??
			detectDecimalComma(valuesOf(rows, dataset, columnsMap, ['DECIMAL(12,2)', 'DECIMAL(14,2)']));
		mapping = {
			dataset,
			columns: columnsMap,
			dateOrder: dateOrder ?? 'ymd',
			decimalComma,
			...(given?.returns && { returns: given.returns }),
			...(given?.orderLevel && { orderLevel: given.orderLevel }),
			...(given?.currency && { currency: given.currency })
		};
		const missing = new RowMapper(mapping).unmappedRequired;
		if (missing.length > 0) {
			needs.push(
				`${source.name}: map a column of the file to ${missing.join(', ')} (required for ${dataset}).`
			);
		}
	}

	const problems: RowProblem[] = [...unreadable];
	const sample: ImportPreview['sample'] = [];
	if (mapping) {
		const mapper = new RowMapper(mapping);
		for (const { row, values } of rows) {
			const mapped = mapper.map(values);
			if (sample.length < SHOWN_ROWS) sample.push({ row, values: mapped.row });
			if (mapped.problems.length > 0) problems.push({ row, reason: mapped.problems.join('; ') });
		}
	}
	problems.sort((a, b) => a.row - b.row);
	return {
		file: source.name,
		bytes: source.blob.size,
		gzip: await isGzip(source),
		format: sniffed.format,
		encoding: sniffed.encoding,
		columns,
		candidates: candidates.map((candidate) => candidate.dataset),
		mapping,
		origin:
			mapping === null ? null : decided || !base ? { kind: decided ? 'chosen' : 'detected' } : base.origin,
		saveMapping: mapping !== null && decided,
		detectedDateOrder,
		dateAmbiguous,
		dateOrder,
		needs,
		sample,
		sourceSample: rows.slice(0, SHOWN_ROWS).map(({ values }) => Object.fromEntries(values)),
		rowsRead: rows.length + unreadable.length,
		complete,
		rowsRejected: problems.length,
		problems: problems.slice(0, LISTED_PROBLEMS)
	};
}

/**
 * The mapping to start from, before the user's choices: the one saved for this header (unless left aside
 * or another dataset is chosen), else a built-in mapping the header matches; null: the contract's names.
 */
function baseMapping(
	header: readonly string[],
	choice: MappingChoice,
	saved: SavedMappings,
	rows: readonly Map<string, SourceValue>[]
): {
	mapping: Omit<ImportMapping, 'dateOrder' | 'decimalComma'> & Partial<ImportMapping>;
	origin: MappingOrigin;
} | null {
	const kept = choice.ignoreSaved ? null : savedMappingFor(saved, header);
	if (kept) return { mapping: kept.mapping, origin: { kind: 'saved', savedAt: kept.savedAt } };
	const builtIn = matchBuiltIn(header);
	if (!builtIn) return null;
	const column = (name: string) => headerColumn(header, name);
	return {
		mapping: {
			dataset: builtIn.dataset,
			columns: Object.fromEntries(
				Object.entries(builtIn.columns).map(([target, source]) => [target, column(source)])
			),
			dateOrder: builtIn.dateOrder,
			returns: builtIn.returns && { ...builtIn.returns, column: column(builtIn.returns.column) },
			orderLevel: builtIn.orderLevel && {
				key: column(builtIn.orderLevel.key),
				columns: builtIn.orderLevel.columns.map(column)
			},
			currency: builtInCurrency(builtIn, header, rows)
		},
		origin: { kind: 'built-in', id: builtIn.id, label: builtIn.label }
	};
}

function valuesOf(
	rows: { values: Map<string, SourceValue> }[],
	dataset: RawDataset,
	columns: Record<string, string>,
	types: string[]
): string[] {
	const sources = RAW_CONTRACTS[dataset]
		.filter((column) => types.includes(column.type) && columns[column.name] !== undefined)
		.map((column) => columns[column.name]);
	return rows.flatMap(({ values }) =>
		sources.map((source) => values.get(source)).filter((v): v is string => !!v)
	);
}
