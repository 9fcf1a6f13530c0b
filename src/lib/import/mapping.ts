import { RAW_CONTRACTS, type ContractColumn, type RawDataset } from '../contracts/raw-contracts';
import { VALUE_CHECKS } from '../pipeline/ingest/value-checks';
import { normalizeColumnName } from './detect-dataset';
import type { SourceValue } from './source-rows';
import { convertValue, type ValueConventions } from './value-text';

/** How a file's columns and values become a dataset's contract: what the preview shows and the user edits. */
export interface ImportMapping extends ValueConventions {
	dataset: RawDataset;
	/** Contract column → the file's column that holds it (absent: the file has none). */
	columns: Record<string, string>;
	/**
	 * How the file marks a returned line (pos_sales): its `column` starts with `prefix` (UCI's cancelled
	 * invoices, `C489449`). Such rows get `line_type` `return`, the others `sale` (docs/import.md, Returns).
	 */
	returns?: { column: string; prefix: string };
	/** Columns written on an order's first line only: a blank one takes the value of the line before with the same `key`. */
	orderLevel?: { key: string; columns: string[] };
	/** The currency of the file's figures (ISO 4217): the lake takes it on import. */
	currency?: string;
}

/** A mapped row: the contract's columns (and the file's other columns, kept) as the raw file gets them. */
export type MappedRow = Record<string, SourceValue>;

/** Why Bronze will reject a mapped row (its wording), or nothing. */
export interface RowCheck {
	row: MappedRow;
	problems: string[];
}

/**
 * Maps rows of one file: contract columns from their source columns, values converted
 * (`convertValue`), then judged as Bronze will judge them (the same checks), so the preview's rejects are
 * Bronze's. Source columns mapped to nothing are kept under their normalized names (Bronze keeps extra
 * columns); one that would take a contract column's name is prefixed `source_`.
 */
export class RowMapper {
	readonly #targets: { column: ContractColumn; source: string }[];
	readonly #extraNames = new Map<string, string>();
	readonly #mapping: ImportMapping;
	readonly #contractNames: Set<string>;
	readonly #used: Set<string>;
	#order: { key: SourceValue; values: Map<string, SourceValue> } | null = null;

	constructor(mapping: ImportMapping) {
		this.#mapping = mapping;
		this.#targets = RAW_CONTRACTS[mapping.dataset]
			.filter((column) => mapping.columns[column.name] !== undefined)
			.map((column) => ({ column, source: mapping.columns[column.name] }));
		this.#contractNames = new Set(RAW_CONTRACTS[mapping.dataset].map((column) => column.name));
		this.#used = new Set(Object.values(mapping.columns));
	}

	/** The required contract columns the mapping gives no source column. */
	get unmappedRequired(): string[] {
		return RAW_CONTRACTS[this.#mapping.dataset]
			.filter((column) => column.required && this.#mapping.columns[column.name] === undefined)
			.map((column) => column.name);
	}

	map(source: Map<string, SourceValue>): RowCheck {
		const values = this.#withOrderLevel(source);
		const row: MappedRow = {};
		const problems: string[] = [];
		for (const { column, source } of this.#targets) {
			const value = values.get(source) ?? null;
			if (value === null || value.trim() === '') {
				row[column.name] = null;
				if (column.required) problems.push(`${column.name} is empty (a required column)`);
				continue;
			}
			const converted = convertValue(column.type, value, this.#mapping);
			row[column.name] = converted.text;
			if (converted.problem) problems.push(`${column.name}: ${JSON.stringify(value)} ${converted.problem}`);
			else if (!passesBronze(column, converted.text)) {
				problems.push(`${column.name}: ${JSON.stringify(value)} ${VALUE_CHECKS[column.type].expected}`);
			}
		}
		const returns = this.#mapping.returns;
		if (returns && this.#mapping.columns.line_type === undefined) {
			const marked = values.get(returns.column)?.trim().startsWith(returns.prefix) ?? false;
			row.line_type = marked ? 'return' : 'sale';
		}
		for (const [column, value] of values) {
			if (this.#used.has(column)) continue;
			row[this.#extraName(column)] = value;
		}
		return { row, problems };
	}

	/** The row with its blank order-level values taken from the order's earlier line (rows arrive in file order). */
	#withOrderLevel(values: Map<string, SourceValue>): Map<string, SourceValue> {
		const orderLevel = this.#mapping.orderLevel;
		if (!orderLevel) return values;
		const key = values.get(orderLevel.key) ?? null;
		if (key === null || this.#order?.key !== key) {
			this.#order = {
				key,
				values: new Map(orderLevel.columns.map((column) => [column, values.get(column) ?? null]))
			};
			return values;
		}
		const filled = new Map(values);
		for (const column of orderLevel.columns) {
			const value = values.get(column);
			if (value === undefined || value === null || value.trim() === '')
				filled.set(column, this.#order.values.get(column) ?? null);
			else this.#order.values.set(column, value);
		}
		return filled;
	}

	#extraName(source: string): string {
		let name = this.#extraNames.get(source);
		if (name === undefined) {
			const normalized = normalizeColumnName(source) || 'column';
			name = this.#contractNames.has(normalized) ? `source_${normalized}` : normalized;
			this.#extraNames.set(source, name);
		}
		return name;
	}
}

const encoder = new TextEncoder();

function passesBronze(column: ContractColumn, text: string): boolean {
	const check = VALUE_CHECKS[column.type].check;
	if (check === null) return true;
	const bytes = encoder.encode(text);
	return check(bytes, 0, bytes.length);
}
