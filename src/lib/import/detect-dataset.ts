import { RAW_CONTRACTS, RAW_DATASETS, type RawDataset } from '../contracts/raw-contracts';

/** A header name as compared with contract columns: `Invoice No.` → `invoice_no`. */
export function normalizeColumnName(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/** How well a file's header fits one dataset's contract. */
export interface DatasetFit {
	dataset: RawDataset;
	/** Contract column → the file's column that holds it. */
	columns: Record<string, string>;
	/** Required contract columns the file has no column for. */
	missing: string[];
}

/**
 * Which dataset a file holds, from its columns alone (not its name): every dataset whose required columns
 * the header has (compared case-, space- and punctuation-blind, in any order, extra columns allowed),
 * best first: the most contract columns matched, then the fewest columns left over. Empty when no
 * contract's required columns are all there: the file needs a mapping.
 */
export function detectDatasets(header: readonly string[]): DatasetFit[] {
	return RAW_DATASETS.map((dataset) => fit(dataset, header))
		.filter((candidate) => candidate.missing.length === 0)
		.sort((a, b) => matched(b) - matched(a) || header.length - matched(a) - (header.length - matched(b)));
}

/** The fit of a header to one dataset (for a mapping the user chose, or to say what is missing). */
export function fit(dataset: RawDataset, header: readonly string[]): DatasetFit {
	const byName = new Map<string, string>();
	for (const column of header) {
		const name = normalizeColumnName(column);
		if (!byName.has(name)) byName.set(name, column);
	}
	const columns: Record<string, string> = {};
	const missing: string[] = [];
	for (const column of RAW_CONTRACTS[dataset]) {
		const source = byName.get(column.name);
		if (source !== undefined) columns[column.name] = source;
		else if (column.required) missing.push(column.name);
	}
	return { dataset, columns, missing };
}

/** The dataset whose required columns the header comes closest to having (for an "unknown file" message). */
export function closestDataset(header: readonly string[]): DatasetFit {
	return RAW_DATASETS.map((dataset) => fit(dataset, header)).sort(
		(a, b) => a.missing.length - b.missing.length || matched(b) - matched(a)
	)[0];
}

function matched(candidate: DatasetFit): number {
	return Object.keys(candidate.columns).length;
}
