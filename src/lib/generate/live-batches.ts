import type { LakeStore } from '../lake/lake-store';
import { formatTimestamp, parseIsoDate, SECONDS_PER_DAY } from '../calendar/dates';
import { generatorConfigProblems, type GeneratorConfig } from './config';
import {
	LIVE_BATCH_SECONDS,
	liveBatchId,
	LiveOrders,
	liveSequenceOf,
	type LiveBatch,
	type LiveCursor
} from './live-orders';
import { rawPath, TRUTH_PATH } from './raw-datasets';
import type { RawTruth } from './truth';

/** Why live mode cannot run on a lake, as a sentence for a person. */
export class LiveUnavailableError extends Error {
	override name = 'LiveUnavailableError';
}

/** A live batch as it landed in the lake. */
export interface LiveBatchWritten {
	path: string;
	sequence: number;
	lines: number;
	orders: number;
	revenuePaise: number;
	/** `YYYY-MM-DD HH:MM:SS` of the batch window's first and last second. */
	from: string;
	to: string;
	/** Milliseconds to generate and write the file. */
	writeMs: number;
}

const WEB_ORDERS_FOLDER = 'raw/web_orders/';

/**
 * Live mode's source: the web shop of the world the lake was generated from (its `_truth.json` holds the
 * generation parameters), carried on after the lake's range. Where the next batch starts is read from the
 * lake itself each time (the newest live file), so a reload, another tab or a stopped and restarted feed
 * carries on where the lake is, and the batch's name is one no file uses.
 */
export class LiveFeed {
	readonly #truth: RawTruth;
	readonly #orders: LiveOrders;

	private constructor(truth: RawTruth) {
		this.#truth = truth;
		this.#orders = new LiveOrders(truth.config);
	}

	/** The feed of the lake's generated world; throws `LiveUnavailableError` saying why there is none. */
	static async open(store: LakeStore, now: Date = new Date()): Promise<LiveFeed> {
		const truth = await readTruth(store);
		const feed = new LiveFeed(truth);
		const { second } = await feed.nextCursor(store);
		if (second * 1000 > now.getTime()) {
			throw new LiveUnavailableError(
				`The lake's data runs to ${truth.config.to}, after today: live orders would be dated in the future. ` +
					'Generate data that ends before today to use live mode.'
			);
		}
		return feed;
	}

	/** The generation parameters the feed continues. */
	get config(): GeneratorConfig {
		return this.#truth.config;
	}

	/** Where the next batch starts, as the lake's files say. */
	async nextCursor(store: LakeStore): Promise<LiveCursor> {
		const { seed } = this.#truth.config;
		const live = (await store.list(WEB_ORDERS_FOLDER))
			.map(({ path }) => ({ path, sequence: liveSequenceOf(seed, path.slice(WEB_ORDERS_FOLDER.length)) }))
			.filter((file): file is { path: string; sequence: number } => file.sequence !== null)
			.sort((a, b) => b.sequence - a.sequence);
		// The newest batch that holds an order says the last order number (a batch may, rarely, hold none).
		let orderNumber = this.#truth.sales.webOrders;
		for (const file of live) {
			const last = await lastOrderNumber(store, file.path);
			if (last !== null) {
				orderNumber = last;
				break;
			}
		}
		const sequence = (live[0]?.sequence ?? 0) + 1;
		const second = liveStartSecond(this.#truth.config) + (sequence - 1) * LIVE_BATCH_SECONDS;
		return { sequence, orderNumber: orderNumber + 1, second };
	}

	/** Generates the next batch and writes it atomically under a name of its own. */
	async writeNext(store: LakeStore): Promise<LiveBatchWritten> {
		const started = performance.now();
		const batch = this.#orders.batch(await this.nextCursor(store));
		const path = rawPath('web_orders', liveBatchId(this.config.seed, batch.cursor.sequence));
		if (await store.stat(path)) throw new Error(`A live batch is already at ${path}.`);
		await store.write(path, new TextEncoder().encode(batch.text));
		return summary(path, batch, performance.now() - started);
	}
}

/** The live clock starts the second after the last one the lake was generated for. */
export function liveStartSecond(config: GeneratorConfig): number {
	const toDay = parseIsoDate(config.to);
	if (toDay === null)
		throw new LiveUnavailableError(`The lake's generation end date ${config.to} is not a date.`);
	return (toDay + 1) * SECONDS_PER_DAY;
}

async function readTruth(store: LakeStore): Promise<RawTruth> {
	const none = new LiveUnavailableError(
		'Live mode continues a generated lake: generate data on this page first (imported data has no world to continue).'
	);
	if (!(await store.stat(TRUTH_PATH))) throw none;
	let truth: RawTruth;
	try {
		truth = JSON.parse(new TextDecoder().decode(await store.read(TRUTH_PATH))) as RawTruth;
	} catch {
		throw new LiveUnavailableError(`${TRUTH_PATH} is not JSON: generate the data again to use live mode.`);
	}
	const problems = truth?.config ? generatorConfigProblems(truth.config) : ['it has no config'];
	if (problems.length > 0 || !Number.isInteger(truth.sales?.webOrders)) {
		throw new LiveUnavailableError(
			`${TRUTH_PATH} does not hold usable generation parameters (${problems.join(' ') || 'no web order count'}): generate the data again to use live mode.`
		);
	}
	return truth;
}

/** The order number of a live file's last line (`WEB-00012345` → 12345); null for an empty batch. */
async function lastOrderNumber(store: LakeStore, path: string): Promise<number | null> {
	const text = new TextDecoder().decode(await store.read(path)).trimEnd();
	if (text === '') return null;
	const last = text.slice(text.lastIndexOf('\n') + 1);
	const id = /"order_id":"WEB-(\d+)"/.exec(last);
	if (!id) throw new Error(`The live batch ${path} does not end with a web order: remove it to carry on.`);
	return Number(id[1]);
}

function summary(path: string, batch: LiveBatch, writeMs: number): LiveBatchWritten {
	return {
		path,
		sequence: batch.cursor.sequence,
		lines: batch.lines,
		orders: batch.orders,
		revenuePaise: batch.revenuePaise,
		from: formatTimestamp(batch.cursor.second),
		to: formatTimestamp(batch.next.second - 1),
		writeMs: Math.round(writeMs)
	};
}
