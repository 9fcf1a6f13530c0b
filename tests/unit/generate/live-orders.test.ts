import { beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { LiveFeed, LiveUnavailableError } from '../../../src/lib/generate/live-batches';
import { LIVE_BATCH_SECONDS, LiveOrders } from '../../../src/lib/generate/live-orders';
import { resolveGeneratorConfig } from '../../../src/lib/generate/config';
import type { RawTruth } from '../../../src/lib/generate/truth';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { CONTRACT_TYPES, fitsType, WEB_FIELDS } from './raw-contracts';
import { parseCsv } from './raw-reader';

const CONFIG = { salesLines: 1_000, seed: 7, from: '2024-01-01', to: '2024-04-30' };
/** 2024-05-01 00:00:00, the first second after the range, in epoch seconds (worked out by hand). */
const LIVE_START = 19844 * 86_400;
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function rowsOf(text: string): Record<string, unknown>[] {
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('live batches', () => {
	const store = new MemoryLakeStore();
	let truth: RawTruth;
	let generatedWeb: Record<string, unknown>[];

	beforeAll(async () => {
		await generateRaw(CONFIG, store);
		truth = JSON.parse(decode(await store.read('raw/_truth.json'))) as RawTruth;
		const web = (await store.list('raw/web_orders/'))[0].path;
		generatedWeb = rowsOf(decode(await store.read(web)));
	}, 60_000);

	it('are deterministic: the same parameters and cursor give the same bytes, another batch other bytes', () => {
		const cursor = { sequence: 3, orderNumber: 500, second: LIVE_START + 10 };
		const config = resolveGeneratorConfig(CONFIG);
		const a = new LiveOrders(config).batch(cursor);
		const b = new LiveOrders(config).batch(cursor);
		expect(a.text).toBe(b.text);
		expect(a.lines).toBeGreaterThan(0);
		expect(new LiveOrders(config).batch({ ...cursor, sequence: 4 }).text).not.toBe(a.text);
	});

	it('continue the lake: order ids after the last generated one, times after its last order, batch after batch', async () => {
		const feed = await LiveFeed.open(store, new Date('2026-01-01T00:00:00Z'));
		const lastGenerated = Math.max(...generatedWeb.map((row) => Number(String(row.order_id).slice(4))));
		const lastTime = generatedWeb
			.map((row) => String(row.order_date))
			.sort()
			.at(-1)!;
		expect(await feed.nextCursor(store)).toEqual({
			sequence: 1,
			orderNumber: lastGenerated + 1,
			second: LIVE_START
		});
		const first = await feed.writeNext(store);
		const second = await feed.writeNext(store);
		expect([first.path, second.path]).toEqual([
			'raw/web_orders/live-s7-000001.ndjson',
			'raw/web_orders/live-s7-000002.ndjson'
		]);
		const rows1 = rowsOf(decode(await store.read(first.path)));
		const rows2 = rowsOf(decode(await store.read(second.path)));
		const ids = [...new Set([...rows1, ...rows2].map((row) => String(row.order_id)))];
		// Consecutive numbers from the one after the lake's last, no gap and no repeat.
		expect(ids).toEqual(
			Array.from({ length: ids.length }, (_, i) => `WEB-${String(lastGenerated + 1 + i).padStart(8, '0')}`)
		);
		expect(ids.length).toBe(first.orders + second.orders);
		const times1 = rows1.map((row) => String(row.order_date));
		const times2 = rows2.map((row) => String(row.order_date));
		for (const time of times1)
			expect(time >= '2024-05-01 00:00:00' && time <= '2024-05-01 00:00:04').toBe(true);
		for (const time of times2)
			expect(time >= '2024-05-01 00:00:05' && time <= '2024-05-01 00:00:09').toBe(true);
		expect(times1[0] > lastTime).toBe(true);
		expect(second.from).toBe('2024-05-01 00:00:05');
		// A new feed (a reload, another tab) carries on from the files.
		const again = await LiveFeed.open(store, new Date('2026-01-01T00:00:00Z'));
		expect(await again.nextCursor(store)).toEqual({
			sequence: 3,
			orderNumber: lastGenerated + 1 + ids.length,
			second: LIVE_START + 2 * LIVE_BATCH_SECONDS
		});
	});

	it('sell only the lake’s products at their prices to its customers, in rows the raw contract accepts', async () => {
		const products = parseCsv(decode(await store.read((await store.list('raw/products/'))[0].path)));
		const column = (name: string) => products.header.indexOf(name);
		const catalog = new Map(
			products.records.map((record) => [
				record.fields[column('product_id')],
				{
					name: record.fields[column('product_name')].replace(/^"|"$/g, ''),
					category: record.fields[column('category')],
					list: Number(record.fields[column('list_price')])
				}
			])
		);
		const people = new Map(generatedWeb.map((row) => [String(row.customer_id), row]));
		const crm = parseCsv(decode(await store.read((await store.list('raw/customers/'))[0].path)));
		const crmIds = new Set(crm.records.map((record) => record.fields[0]));
		const feed = await LiveFeed.open(store, new Date('2026-01-01T00:00:00Z'));
		const rows: Record<string, unknown>[] = [];
		for (let i = 0; i < 20; i++)
			rows.push(...rowsOf(decode(await store.read((await feed.writeNext(store)).path))));
		expect(rows.length).toBeGreaterThan(40);
		for (const row of rows) {
			expect(Object.keys(row)).toEqual(WEB_FIELDS);
			for (const [name, type] of Object.entries(CONTRACT_TYPES.web_orders)) {
				expect(fitsType(row[name], type), `${name}: ${JSON.stringify(row[name])}`).toBe(true);
			}
			const product = catalog.get(String(row.product_id));
			expect(product, String(row.product_id)).toBeDefined();
			expect([row.product_name, row.category]).toEqual([product!.name, product!.category]);
			const price = Number(row.unit_price);
			expect(price).toBeGreaterThanOrEqual(product!.list * truth.priceBand.minShareOfList - 0.01);
			expect(price).toBeLessThanOrEqual(product!.list);
			expect(Math.round(Number(row.total_amount) * 100)).toBe(Math.round(price * 100) * Number(row.quantity));
			expect(crmIds.has(String(row.customer_id)), String(row.customer_id)).toBe(true);
			// A customer who ordered online before keeps their name.
			const before = people.get(String(row.customer_id));
			if (before) expect(row.customer_name).toBe(before.customer_name);
		}
	});

	it('say why when the lake has no generated world or its range ends after today', async () => {
		const empty = new MemoryLakeStore();
		await expect(LiveFeed.open(empty)).rejects.toThrow(LiveUnavailableError);
		await expect(LiveFeed.open(empty)).rejects.toThrow(/generate data on this page first/);
		await expect(LiveFeed.open(store, new Date('2024-04-30T12:00:00Z'))).rejects.toThrow(
			/runs to 2024-04-30, after today/
		);
	});
});
