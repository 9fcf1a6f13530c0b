import type { LakeStore } from '../lake/lake-store';
import type { Pause } from './detection-progress';
import type { ScoredOrder } from './fraud';
import type { SignalsData } from './signals-data';

/** Where a published run's detection is kept: one JSON file per run, the newest run's only. */
export const SIGNALS_FOLDER = 'analytics/signals';

/**
 * The kept files' format and meaning. Raise it whenever detection or scoring would compute something else
 * from the same Gold (settings, signals, fields): files of another version are ignored and computed again.
 */
export const SIGNALS_VERSION = 1;

/** The scored orders as one list of field names and a row of values per order (1M lines: 19.7 MB, not 44.8). */
interface OrdersTable {
	fields: (keyof ScoredOrder)[];
	rows: unknown[][];
}
type StoredSignals = { version: number; data: Omit<SignalsData, 'orders'> & { orders: OrdersTable } };

export function signalsPath(runId: string): string {
	return `${SIGNALS_FOLDER}/${runId}.json`;
}

/**
 * The detection kept for a run, or null when there is none to trust: no file, one that cannot be read,
 * another version, another run, or a file that does not parse (a write cut short by a closed tab). The
 * file only saves time, so null means "detect again", never an error.
 */
export async function readSavedSignals(store: LakeStore, runId: string): Promise<SignalsData | null> {
	let text: string;
	try {
		text = new TextDecoder().decode(await store.read(signalsPath(runId)));
	} catch {
		return null;
	}
	const data = parseSignals(text);
	return data?.runId === runId ? data : null;
}

/** Scored orders per part of the kept file: at 1M lines, ~70 ms of the engine's thread to write each. */
const ORDERS_PER_PART = 10_000;

/**
 * Keeps a run's detection and removes the files of other runs (their Gold is no longer published). Written a
 * part at a time with `pause` between parts: at 1M lines the whole text takes ~1.5 s to make and write.
 */
export async function saveSignals(
	store: LakeStore,
	data: SignalsData,
	pause: Pause = () => {}
): Promise<void> {
	const writer = await store.writer(signalsPath(data.runId));
	try {
		const encoder = new TextEncoder();
		for (const part of signalsTextParts(data)) {
			await writer.write(encoder.encode(part));
			await pause();
		}
		await writer.close();
	} catch (error) {
		await writer.abort();
		throw error;
	}
	for (const { path } of await store.list(SIGNALS_FOLDER)) {
		if (path !== signalsPath(data.runId)) await store.delete(path);
	}
}

/**
 * The kept file's text in parts: the detection up to its orders' rows, the rows a slice at a time, the end.
 * Compact, no indentation: at 1M lines the file holds ~147,000 scored web orders.
 */
function* signalsTextParts(data: SignalsData): Generator<string> {
	const { orders, ...rest } = data;
	const fields = Object.keys(orders[0] ?? {}) as (keyof ScoredOrder)[];
	const empty: OrdersTable = { fields, rows: [] };
	const whole = toJson({ version: SIGNALS_VERSION, data: { ...rest, orders: empty } });
	// It ends with the empty rows, `[]`, then the ends of the orders, the data and the file: the rows go between.
	const end = ']}}}';
	yield whole.slice(0, -end.length);
	for (let i = 0; i < orders.length; i += ORDERS_PER_PART) {
		const rows = orders.slice(i, i + ORDERS_PER_PART).map((order) => fields.map((f) => order[f]));
		const text = toJson(rows).slice(1, -1);
		yield i === 0 ? text : `,${text}`;
	}
	yield end;
}

// JSON has no Infinity or NaN (a surprise can be infinite): such numbers travel as {"$number": "Infinity"}.
function toJson(value: unknown): string {
	return JSON.stringify(value, (_, v: unknown) =>
		typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v
	);
}

/**
 * The detection a kept file holds; null when it is of another version or not whole. Parsed without a reviver
 * and the numbers JSON lacks restored by one walk after (1M lines: 1.2–1.4 s → 0.47–0.67 s in Node).
 */
export function parseSignals(text: string): SignalsData | null {
	try {
		const stored = restoreNumbers(JSON.parse(text)) as StoredSignals | null;
		if (stored?.version !== SIGNALS_VERSION) return null;
		const { fields, rows } = stored.data.orders;
		const orders = rows.map((row) => {
			const order: Record<string, unknown> = {};
			for (let i = 0; i < fields.length; i++) order[fields[i]] = row[i];
			return order as unknown as ScoredOrder;
		});
		return { ...stored.data, orders };
	} catch {
		return null;
	}
}

/** `value` with every `{"$number": "Infinity"}` (see stringifySignals) in it replaced by its number, in place. */
function restoreNumbers(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = restoreNumbers(value[i]);
		return value;
	}
	const entries = value as Record<string, unknown>;
	if ('$number' in entries && Object.keys(entries).length === 1) return Number(entries.$number);
	for (const key in entries) {
		entries[key] = restoreNumbers(entries[key]);
	}
	return value;
}
