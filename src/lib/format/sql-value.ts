import type { SqlValue } from '$lib/sql/sql-engine';

const DAY_MS = 86_400_000;
const BLOB_PREVIEW_BYTES = 32;

/**
 * One value of a query result as text, given its column's DuckDB type; `null` for SQL NULL.
 * BIGINTs keep every digit, dates read `2024-10-31`, timestamps `2024-10-31 18:30:00` (UTC, as stored).
 */
export function formatSqlValue(value: SqlValue | undefined, type = ''): string | null {
	if (value === null || value === undefined) return null;
	const t = type.toUpperCase();
	if (value instanceof Date) return formatInstant(value, t);
	if (isTemporal(t) && (typeof value === 'number' || typeof value === 'bigint')) {
		return formatInstant(new Date(toEpochMs(value, t)), t);
	}
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
		return String(value);
	if (value instanceof Uint8Array) return formatBlob(value);
	return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

function isTemporal(type: string): boolean {
	return type === 'DATE' || type.startsWith('TIMESTAMP');
}

/** Arrow hands DuckDB's dates and timestamps over as numbers in several units; the type says which. */
function toEpochMs(value: number | bigint, type: string): number {
	if (type === 'DATE') {
		const n = Number(value);
		// Days since 1970 stay far below 1e8; epoch milliseconds of any recent date are far above it.
		return Math.abs(n) < 1e8 ? n * DAY_MS : n;
	}
	if (typeof value === 'number') return value;
	if (type === 'TIMESTAMP_S') return Number(value) * 1000;
	if (type === 'TIMESTAMP_MS') return Number(value);
	if (type === 'TIMESTAMP_NS') return Number(value / 1_000_000n);
	return Number(value / 1000n);
}

function formatInstant(date: Date, type: string): string {
	if (Number.isNaN(date.getTime())) return String(date);
	const iso = date.toISOString();
	if (type === 'DATE') return iso.slice(0, 10);
	const time = iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
	const zone = type.includes('TIME ZONE') || type === 'TIMESTAMPTZ' ? ' UTC' : '';
	return `${iso.slice(0, 10)} ${time}${zone}`;
}

function formatBlob(bytes: Uint8Array): string {
	const shown = Array.from(
		bytes.subarray(0, BLOB_PREVIEW_BYTES),
		(b) => `\\x${b.toString(16).padStart(2, '0')}`
	);
	return shown.join('') + (bytes.length > BLOB_PREVIEW_BYTES ? `… (${bytes.length} bytes)` : '');
}
