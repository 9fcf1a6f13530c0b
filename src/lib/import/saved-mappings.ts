import type { LakeStore } from '../lake/lake-store';
import { headerColumn } from './built-in-mappings';
import { normalizeColumnName } from './detect-dataset';
import type { ImportMapping } from './mapping';

/**
 * Mappings the user confirmed, kept in the lake (docs/import.md, "Saved mappings") and used again for the
 * next file with the same header: keyed by the header's signature, its column names normalised
 * (`Invoice No.` = `invoice_no`) and sorted, so case, spacing and column order do not matter.
 */
export const SAVED_MAPPINGS_PATH = 'import/mappings.json';

export interface SavedMapping {
	/** When it was saved (ISO 8601, UTC). */
	savedAt: string;
	mapping: ImportMapping;
}

export type SavedMappings = Record<string, SavedMapping>;

export function headerSignature(header: readonly string[]): string {
	return [...new Set(header.map(normalizeColumnName))].sort().join('|');
}

export async function readSavedMappings(store: LakeStore): Promise<SavedMappings> {
	let text: string;
	try {
		text = new TextDecoder().decode(await store.read(SAVED_MAPPINGS_PATH));
	} catch (error) {
		// By name: a store behind Comlink rethrows a plain Error that keeps only the name.
		if ((error as Error | null)?.name === 'LakeNotFoundError') return {};
		throw error;
	}
	try {
		const saved = JSON.parse(text) as { mappings?: SavedMappings };
		return saved.mappings && typeof saved.mappings === 'object' ? saved.mappings : {};
	} catch {
		return {}; // a damaged file is as good as none: the next confirmed mapping rewrites it
	}
}

/** Saves (or replaces) the mapping for files with this header. */
export async function saveMapping(
	store: LakeStore,
	header: readonly string[],
	mapping: ImportMapping,
	now: Date = new Date()
): Promise<SavedMapping> {
	const mappings = await readSavedMappings(store);
	const saved: SavedMapping = { savedAt: now.toISOString(), mapping };
	mappings[headerSignature(header)] = saved;
	const text = `${JSON.stringify({ version: 1, mappings }, null, '\t')}\n`;
	await store.write(SAVED_MAPPINGS_PATH, new TextEncoder().encode(text));
	return saved;
}

/**
 * The saved mapping for a header, its source columns spelt as this header spells them (the saved one may
 * have been `Customer ID`, this file's `customer id`); null when none is saved for it.
 */
export function savedMappingFor(saved: SavedMappings, header: readonly string[]): SavedMapping | null {
	const found = saved[headerSignature(header)];
	if (!found) return null;
	const column = (name: string) => headerColumn(header, name);
	const { mapping } = found;
	return {
		savedAt: found.savedAt,
		mapping: {
			...mapping,
			columns: Object.fromEntries(
				Object.entries(mapping.columns).map(([target, source]) => [target, column(source)])
			),
			returns: mapping.returns && { ...mapping.returns, column: column(mapping.returns.column) },
			orderLevel: mapping.orderLevel && {
				key: column(mapping.orderLevel.key),
				columns: mapping.orderLevel.columns.map(column)
			}
		}
	};
}
