import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { festivalsBetween } from '$lib/calendar/retail-calendar';
import { generateRaw, type GenerationProgress } from '$lib/generate/generate-raw';
import { RAW_DATASETS } from '$lib/contracts/raw-contracts';
import { TRUTH_PATH } from '$lib/generate/raw-datasets';
import type { RawTruth } from '$lib/generate/truth';
import type { LakeStore } from '$lib/lake/lake-store';
import { MemoryLakeStore } from '$lib/lake/memory-lake-store';
import { LAKE_SETTINGS_PATH, readLakeCurrency } from '$lib/lake/lake-currency';
import { auditRaw, rows, type Audit, type RawTexts } from './raw-audit';
import { CONTRACT_TYPES, fitsType, WEB_FIELDS } from './raw-contracts';
import { parseDate, parseTimestamp } from './raw-reader';

const CONFIG = { seed: 7, salesLines: 30_000, from: '2024-01-01', to: '2025-12-31', defectRate: 0.01 };

async function readAll(store: LakeStore, truth: RawTruth): Promise<RawTexts> {
	const decoder = new TextDecoder();
	const entries = await Promise.all(
		RAW_DATASETS.map(async (dataset) => [
			dataset,
			decoder.decode(await store.read(truth.files[dataset].path))
		])
	);
	return Object.fromEntries(entries) as RawTexts;
}

async function hashes(store: LakeStore): Promise<Record<string, string>> {
	const entries = await store.list('raw');
	return Object.fromEntries(
		await Promise.all(
			entries.map(async ({ path }) => [
				path,
				createHash('sha256')
					.update(await store.read(path))
					.digest('hex')
			])
		)
	);
}

let store: MemoryLakeStore;
let truth: RawTruth;
let texts: RawTexts;
let audit: Audit;
const progress: GenerationProgress[] = [];

beforeAll(async () => {
	store = new MemoryLakeStore();
	truth = (await generateRaw(CONFIG, store, { onProgress: (p) => progress.push(p) })).truth;
	texts = await readAll(store, truth);
	audit = auditRaw(texts, truth.referenceTime);
});

const dayOf = (seconds: number) => Math.floor(seconds / 86_400);

/** The planted price error a sales line fell in (its product, on one of the error's days), if any. */
function plantedPriceError(line: { productId: string; at: number }) {
	const day = dayOf(line.at);
	return truth.events.priceErrors.find(
		(error) =>
			error.productId === line.productId && day >= parseDate(error.from)! && day <= parseDate(error.to)!
	);
}
const lift = (values: number[], inGroup: (i: number) => boolean) => {
	const mean = (keep: boolean) => {
		const picked = values.filter((_, i) => inGroup(i) === keep);
		return picked.reduce((sum, v) => sum + v, 0) / picked.length;
	};
	return mean(true) / mean(false);
};

describe('generateRaw: files and volumes', () => {
	it('writes every dataset under raw/<dataset>/<batch>.<ext>, the truth, and the lake’s currency (INR)', async () => {
		const paths = (await store.list()).map((entry) => entry.path);
		expect(await readLakeCurrency(store)).toBe('INR');
		expect(paths).toEqual(
			[
				LAKE_SETTINGS_PATH,
				TRUTH_PATH,
				...RAW_DATASETS.map(
					(d) => `raw/${d}/gen-s7-2024-01-01-2025-12-31.${d === 'web_orders' ? 'ndjson' : 'csv'}`
				)
			].sort()
		);
		expect(truth.batchId).toBe('gen-s7-2024-01-01-2025-12-31');
		expect(truth.config).toEqual(CONFIG);
		expect(truth.referenceTime).toBe('2025-12-31 23:59:59');
	});

	it('records the physical row and byte counts of every file', () => {
		for (const dataset of RAW_DATASETS) {
			const rowsInFile =
				dataset === 'web_orders' ? audit.webRecords.length : audit.csv[dataset].records.length;
			expect(truth.files[dataset].rows, dataset).toBe(rowsInFile);
			expect(truth.files[dataset].bytes, dataset).toBe(new TextEncoder().encode(texts[dataset]).length);
		}
	});

	it('lands the sales lines within 2 % of the target', () => {
		expect(Math.abs(audit.sales.length / CONFIG.salesLines - 1)).toBeLessThan(0.02);
		const web = audit.sales.filter((line) => line.dataset === 'web_orders').length;
		expect(web / audit.sales.length).toBeGreaterThan(0.2);
		expect(web / audit.sales.length).toBeLessThan(0.4);
	});

	it('reports progress as it goes and ends at fraction 1', () => {
		expect(progress.at(-1)?.fraction).toBe(1);
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
			expect(progress[i].linesWritten).toBeGreaterThanOrEqual(progress[i - 1].linesWritten);
		}
	});
});

describe('generateRaw: contracts', () => {
	it('writes the contract headers, LF line ends and no BOM', () => {
		for (const [dataset, columns] of Object.entries(CONTRACT_TYPES)) {
			if (dataset === 'web_orders') continue;
			const text = texts[dataset as keyof RawTexts];
			expect(text.slice(0, text.indexOf('\n')), dataset).toBe(Object.keys(columns).join(','));
			expect(text.includes('\r'), dataset).toBe(false);
			expect(text.charCodeAt(0), dataset).not.toBe(0xfeff);
		}
	});

	it('parses every row under its contract types, except the rows truth says are malformed or cut', () => {
		for (const [dataset, columns] of Object.entries(CONTRACT_TYPES)) {
			const records =
				dataset === 'web_orders'
					? audit.webRecords.map((record) => WEB_FIELDS.map((field) => record.value?.[field]))
					: audit.csv[dataset as keyof Audit['csv']].records.map((record) => record.fields);
			const types = Object.values(columns);
			const failing = records.filter(
				(fields) => fields.length !== types.length || types.some((type, i) => !fitsType(fields[i], type))
			).length;
			const counts = truth.defects[dataset as keyof RawTruth['defects']];
			const expected =
				(counts.malformed_date ?? 0) + (counts.malformed_number ?? 0) + (counts.truncated_line ?? 0);
			expect(failing, dataset).toBe(expected);
		}
	});

	it('writes web orders as one JSON object per line with the contract fields', () => {
		const expected = WEB_FIELDS.join();
		expect(
			audit.webRecords.filter(({ value }) => value === null || Object.keys(value).join() !== expected)
		).toEqual([]);
	});

	it('keeps every clean sales line consistent with the masters', () => {
		const clean = audit.sales.filter((line) => line.clean);
		expect(clean.length / audit.sales.length).toBeGreaterThan(0.97);
		const { naturalMaxQuantity } = truth.spikeRule;
		expect(clean.filter((line) => line.quantity < 1 || line.quantity > naturalMaxQuantity)).toEqual([]);
		const mismatched = rows(audit.csv.pos_sales)
			.slice(0, -1)
			.filter((r) => {
				const product = audit.products.get(r.product_id);
				const store = audit.stores.get(r.store_id);
				const amountsParse = /^\d+$/.test(r.quantity) && /^-?\d+\.\d\d$/.test(r.unit_price);
				return (
					!/^INV-\d{8}$/.test(r.invoice_no) ||
					(product && (r.product_name !== product.name || r.category !== product.category)) ||
					(store && r.store_city !== store.city) ||
					(amountsParse &&
						Math.round(Number(r.total_amount) * 100) !==
							Math.round(Number(r.quantity) * Number(r.unit_price) * 100))
				);
			});
		expect(mismatched).toEqual([]);
	});

	it('keeps each clean unit price within its product’s band, but the planted price errors', () => {
		const { minShareOfList, maxShareOfList } = truth.priceBand;
		const inBand = (price: number, listPrice: number) =>
			price >= Math.floor(listPrice * minShareOfList * 100) / 100 && price <= listPrice * maxShareOfList;
		const mispriced = audit.sales.filter((line) => line.clean && plantedPriceError(line) !== undefined);
		const outside = audit.sales.filter(
			(line) =>
				line.clean &&
				plantedPriceError(line) === undefined &&
				!inBand(line.price, audit.products.get(line.productId)!.listPrice)
		);
		expect(outside).toEqual([]);
		// Every line the truth says was keyed wrong is 10× or a tenth of an in-band price, and none else is.
		expect(mispriced).toHaveLength(truth.events.priceErrors.reduce((sum, error) => sum + error.lines, 0));
		for (const line of mispriced) {
			const { factor } = plantedPriceError(line)!;
			const { listPrice } = audit.products.get(line.productId)!;
			expect(inBand(line.price / factor, listPrice) || inBand((line.price + 0.005) / factor, listPrice)).toBe(
				true
			);
			expect(inBand(line.price, listPrice)).toBe(false);
		}
	});

	it('describes 200 products in 8 categories with 20–45 % margins, and 50 stores in 10 cities', () => {
		const products = rows(audit.csv.products);
		expect(products).toHaveLength(200);
		expect(new Set(products.map((p) => p.category)).size).toBe(8);
		for (const p of products) {
			const margin = 1 - Number(p.unit_cost) / Number(p.list_price);
			expect(margin).toBeGreaterThanOrEqual(0.2 - 1e-3);
			expect(margin).toBeLessThanOrEqual(0.45 + 1e-3);
		}
		const stores = rows(audit.csv.stores);
		expect(stores).toHaveLength(50);
		expect(new Set(stores.map((s) => s.city)).size).toBe(10);
		for (const s of stores) expect(s.store_id).toMatch(/^STR-[A-Z]{3}-0[1-5]$/);
	});

	it('ships every web order once, after it was placed, with a status that fits the dates', () => {
		const reference = parseTimestamp(truth.referenceTime)!;
		const placed = new Map<string, number>();
		for (const line of audit.sales) {
			if (line.dataset === 'web_orders' && line.clean) placed.set(line.order, line.at);
		}
		const shipped = new Set<string>();
		const inconsistent = rows(audit.csv.shipments).filter((r) => {
			if (!audit.webOrderIds.has(r.order_id)) return false;
			shipped.add(r.order_id);
			const shipDate = parseTimestamp(r.ship_date);
			if (shipDate === null || shipDate > reference) return false;
			const orderedAt = placed.get(r.order_id);
			const promised = parseDate(r.promised_date)!;
			if ((orderedAt !== undefined && shipDate <= orderedAt) || promised < dayOf(shipDate)) return true;
			if (r.status === 'delivered' || r.status === 'returned') {
				const delivered = parseTimestamp(r.delivery_date);
				return delivered === null || delivered <= shipDate || delivered > reference;
			}
			if (r.status !== 'in_transit' && r.status !== 'delayed') return true;
			return r.delivery_date !== '' || (r.status === 'delayed') !== dayOf(reference) > promised;
		});
		expect(inconsistent).toEqual([]);
		expect(shipped).toEqual(audit.webOrderIds);
	});
});

describe('generateRaw: injected defects match the ground truth', () => {
	it('puts at most one defect on a row', () => {
		expect(audit.multiDefectRows).toEqual([]);
	});

	it('counts, re-derived from the files, equal _truth.json for every dataset and kind', () => {
		for (const dataset of RAW_DATASETS) {
			expect(audit.defects[dataset] ?? {}, dataset).toEqual(truth.defects[dataset]);
		}
	});

	it('covers every kind of defect at about the configured rate', () => {
		expect(Object.keys(truth.defects.pos_sales).sort()).toEqual(
			[
				'duplicate_row',
				'future_date',
				'malformed_date',
				'malformed_number',
				'negative_price',
				'null_customer_id',
				'quantity_negative',
				'quantity_spike',
				'quantity_too_large',
				'quantity_zero',
				'truncated_line',
				'unknown_product_id',
				'unknown_store_id'
			].sort()
		);
		expect(Object.keys(truth.defects.shipments).sort()).toEqual(
			['duplicate_row', 'future_date', 'malformed_date', 'orphan_order_id'].sort()
		);
		const defective = Object.values(truth.defects.pos_sales).reduce((sum, n) => sum + n, 0);
		expect(defective / truth.files.pos_sales.rows).toBeGreaterThan(0.006);
		expect(defective / truth.files.pos_sales.rows).toBeLessThan(0.015);
	});

	it('writes clean files, without a short one, at defect rate 0', async () => {
		const clean = new MemoryLakeStore();
		const config = { ...CONFIG, salesLines: 5_000, from: '2025-07-01', defectRate: 0 };
		const { truth: cleanTruth } = await generateRaw(config, clean);
		const found = auditRaw(await readAll(clean, cleanTruth), cleanTruth.referenceTime);
		expect(Object.values(cleanTruth.defects).every((counts) => Object.keys(counts).length === 0)).toBe(true);
		expect(found.defects).toEqual({});
	});

	it('dates future rows at least 30 years past the range', () => {
		const futureFrom = parseDate(truth.futureDatesFrom)!;
		const referenceDay = dayOf(parseTimestamp(truth.referenceTime)!);
		const days = [
			...audit.sales.map((line) => dayOf(line.at)),
			...rows(audit.csv.shipments).map((r) => dayOf(parseTimestamp(r.ship_date) ?? 0)),
			...rows(audit.csv.inventory).map((r) => parseDate(r.snapshot_date) ?? 0)
		];
		const future = days.filter((day) => day > referenceDay);
		expect(future.length).toBe(
			truth.defects.pos_sales.future_date! +
				truth.defects.web_orders.future_date! +
				truth.defects.shipments.future_date! +
				truth.defects.inventory.future_date!
		);
		expect(future.filter((day) => day < futureFrom)).toEqual([]);
	});
});

describe('generateRaw: realism', () => {
	it('plants associations that counting over orders recovers with lift > 1.5', () => {
		const baskets = new Map<string, Set<string>>();
		for (const line of audit.sales) {
			const basket = baskets.get(line.order) ?? new Set<string>();
			basket.add(line.productId);
			baskets.set(line.order, basket);
		}
		const orders = baskets.size;
		for (const { antecedent, consequent } of truth.associations) {
			let a = 0;
			let b = 0;
			let both = 0;
			for (const basket of baskets.values()) {
				const hasA = basket.has(antecedent.productId);
				const hasB = basket.has(consequent.productId);
				if (hasA) a++;
				if (hasB) b++;
				if (hasA && hasB) both++;
			}
			const observedLift = both / a / (b / orders);
			expect(a, antecedent.name).toBeGreaterThan(20);
			expect(observedLift, `${antecedent.name} → ${consequent.name}`).toBeGreaterThan(1.5);
		}
	});

	it('lifts demand on festival days and weekends as the model expects', () => {
		const from = parseDate(CONFIG.from)!;
		const days = truth.demand.expectedDailyLines.length;
		const observed = new Array<number>(days).fill(0);
		for (const line of audit.sales) if (line.clean) observed[dayOf(line.at) - from]++;
		const festivalDays = new Set(festivalsBetween(from, from + days - 1).map((f) => f.dayNo - from));
		expect(festivalDays.size).toBeGreaterThan(15);
		const isFestival = (i: number) => festivalDays.has(i);
		const isWeekend = (i: number) => [5, 6].includes((((from + i + 3) % 7) + 7) % 7);
		const expected = truth.demand.expectedDailyLines;
		for (const inGroup of [isFestival, isWeekend]) {
			const expectedLift = lift(expected, inGroup);
			expect(expectedLift).toBeGreaterThan(1.1);
			expect(lift(observed, inGroup) / expectedLift).toBeGreaterThan(0.85);
			expect(lift(observed, inGroup) / expectedLift).toBeLessThan(1.15);
		}
	});

	it('moves about one customer in ten, once each, visible in CRM extracts and web orders', () => {
		const extracts = new Map<string, { at: number; city: string }[]>();
		for (const r of rows(audit.csv.customers)) {
			const list = extracts.get(r.customer_id) ?? [];
			list.push({ at: parseTimestamp(r.extracted_at)!, city: r.city });
			extracts.set(r.customer_id, list);
		}
		const changes = (list: { city: string }[]) =>
			list.filter((entry, i) => i > 0 && entry.city !== list[i - 1].city).length;
		const moves = [...extracts.values()].map(changes);
		expect(Math.max(...moves)).toBe(1);
		const movers = moves.filter((n) => n === 1).length;
		expect(movers).toBe(truth.customers.movers);
		expect(movers / extracts.size).toBeGreaterThan(0.05);
		expect(movers / extracts.size).toBeLessThan(0.15);

		// A web order between two extracts that agree on the city was delivered to that city. Card testers'
		// throw-away accounts are in no extract.
		const testers = new Set(
			truth.events.fraud.orders.filter((o) => o.pattern === 'card_testing').map((o) => o.customerId)
		);
		let checked = 0;
		for (const line of audit.sales) {
			if (line.dataset !== 'web_orders' || !line.customerId || !line.clean) continue;
			if (testers.has(line.customerId)) continue;
			const list = extracts.get(line.customerId)!;
			const next = list.findIndex((entry) => entry.at >= line.at);
			const before = list[next === -1 ? list.length - 1 : Math.max(0, next - 1)];
			const after = list[next === -1 ? list.length - 1 : next];
			if (before.city !== after.city) continue;
			expect(line.city).toBe(after.city);
			checked++;
		}
		expect(checked).toBeGreaterThan(1000);
	});

	it('spreads customers: frequent and occasional shoppers, sign-ups across the range', () => {
		const orders = new Map<string, Set<string>>();
		for (const line of audit.sales) {
			if (!line.customerId) continue;
			const set = orders.get(line.customerId) ?? new Set<string>();
			set.add(line.order);
			orders.set(line.customerId, set);
		}
		const counts = [...orders.values()].map((set) => set.size).sort((a, b) => a - b);
		expect(counts.at(-1)! / counts[Math.floor(counts.length / 2)]).toBeGreaterThan(5);
		const from = parseDate(CONFIG.from)!;
		const signups = rows(audit.csv.customers).map((r) => parseDate(r.signup_date)!);
		expect(signups.some((day) => day < from)).toBe(true);
		expect(signups.filter((day) => day >= from).length / signups.length).toBeGreaterThan(0.3);
	});

	it('depletes and refills stock: some stockouts, never negative', () => {
		const stock = rows(audit.csv.inventory).filter((r) => /^\d+$/.test(r.quantity_on_hand));
		const stockouts = stock.filter((r) => r.quantity_on_hand === '0').length / stock.length;
		expect(stockouts).toBeGreaterThan(0);
		expect(stockouts).toBeLessThan(0.3);
		expect(stock.filter((r) => !(Number(r.reorder_level) >= 1))).toEqual([]);
	});
});

describe('generateRaw: planted events (_truth.json → events)', () => {
	const day = (text: string) => parseDate(text)!;

	it('closes each outage store: no invoice over the outage, sales on the weeks around it', () => {
		const posDays = new Map<string, number[]>();
		const invoices = new Map<string, Set<string>>();
		for (const r of rows(audit.csv.pos_sales).slice(0, -1)) {
			const at = parseTimestamp(r.invoice_date);
			if (at === null) continue;
			const list = posDays.get(r.store_id) ?? [];
			list.push(dayOf(at));
			posDays.set(r.store_id, list);
			invoices.set(r.store_id, (invoices.get(r.store_id) ?? new Set()).add(r.invoice_no));
		}
		// At this scale no store sells enough to show an outage within the longest one allowed: none is
		// planted (the signals tests check outages at the default scale).
		const { outageLostInvoices, outageMaxDays } = truth.events.rules;
		const invoicesPerDay = Math.max(
			...[...invoices.values()].map((ids) => ids.size / truth.demand.expectedDailyLines.length)
		);
		expect(outageLostInvoices / invoicesPerDay).toBeGreaterThan(outageMaxDays);
		expect(truth.events.storeOutages).toEqual([]);
		for (const outage of truth.events.storeOutages) {
			const [from, to] = [day(outage.from), day(outage.to)];
			const sold = posDays.get(outage.storeId)!;
			expect(
				sold.filter((d) => d >= from && d <= to),
				outage.storeId
			).toEqual([]);
			expect(sold.filter((d) => d >= from - 28 && d < from).length).toBeGreaterThan(0);
			expect(sold.filter((d) => d > to && d <= to + 28).length).toBeGreaterThan(0);
			expect(outage.days).toBe(to - from + 1);
		}
	});

	it('lifts each promoted category’s lines about as planned, at its discount', () => {
		expect(truth.events.categoryPromotions.length).toBe(2);
		for (const promotion of truth.events.categoryPromotions) {
			const [from, to] = [day(promotion.from), day(promotion.to)];
			const inCategory = (line: (typeof audit.sales)[number]) =>
				audit.products.get(line.productId)?.category === promotion.category;
			const clean = audit.sales.filter((l) => l.clean);
			const isDuring = (l: (typeof clean)[number]) => dayOf(l.at) >= from && dayOf(l.at) <= to;
			const isAround = (l: (typeof clean)[number]) =>
				!isDuring(l) && dayOf(l.at) >= from - 35 && dayOf(l.at) <= to + 35;
			const share = (keep: (l: (typeof clean)[number]) => boolean) => {
				const lines = clean.filter(keep);
				return lines.filter(inCategory).length / lines.length;
			};
			// The category's share of the lines, against the five weeks either side (the day's volume
			// varies a lot at this scale; the share does not).
			const s = share(isAround);
			const expected = (promotion.lift * s) / (1 + (promotion.lift - 1) * s) / s;
			const observed = share(isDuring) / s;
			expect(observed, promotion.category).toBeGreaterThan(1 + (expected - 1) * 0.6);
			expect(observed, promotion.category).toBeLessThan(1 + (expected - 1) * 1.4);
			const during = clean.filter((l) => isDuring(l) && inCategory(l));
			for (const line of during) {
				const { listPrice } = audit.products.get(line.productId)!;
				if (plantedPriceError(line)) continue;
				expect(line.price).toBeLessThanOrEqual(listPrice * (1 - promotion.discount) + 0.005);
			}
		}
	});

	it('keeps fraud under 0.5 % of web orders, each order one clean line of its pattern', () => {
		const { fraud } = truth.events;
		expect(fraud.webOrders).toBe(truth.sales.webOrders);
		expect(fraud.orders.length / fraud.webOrders).toBeLessThanOrEqual(0.005);
		expect(fraud.share).toBeCloseTo(fraud.orders.length / fraud.webOrders, 5);
		for (const pattern of ['card_testing', 'account_takeover', 'reseller'] as const) {
			expect(fraud.byPattern[pattern], pattern).toBeGreaterThan(0);
		}
		const lines = new Map<string, typeof audit.sales>();
		for (const line of audit.sales) {
			if (line.dataset === 'web_orders') lines.set(line.order, [...(lines.get(line.order) ?? []), line]);
		}
		const records = new Map(audit.webRecords.map((r) => [String(r.value?.order_id), r.value!]));
		const shipments = new Map(rows(audit.csv.shipments).map((r) => [r.order_id, r]));
		const crm = new Set(rows(audit.csv.customers).map((r) => r.customer_id));
		for (const order of fraud.orders) {
			const [line, ...more] = lines.get(order.orderId)!;
			expect(more, order.orderId).toEqual([]);
			expect(line.clean && line.customerId === order.customerId).toBe(true);
			const record = records.get(order.orderId)!;
			const shipment = shipments.get(order.orderId)!;
			const amount = line.quantity * line.price;
			if (order.pattern === 'card_testing') {
				expect(amount).toBeLessThan(500);
				expect(crm.has(order.customerId)).toBe(false);
			} else {
				expect(crm.has(order.customerId)).toBe(true);
			}
			if (order.pattern === 'account_takeover') {
				expect(amount).toBeGreaterThan(10_000);
				expect(shipment.destination_city).not.toBe(record.customer_city);
				expect(String(record.delivery_address)).toContain(`, ${shipment.destination_city},`);
			} else {
				expect(shipment.destination_city).toBe(record.customer_city);
			}
			if (order.pattern === 'reseller') {
				expect(audit.products.get(line.productId)!.category).toBe('Electronics');
				expect(line.quantity).toBeGreaterThanOrEqual(8);
				expect(line.quantity).toBeLessThanOrEqual(truth.spikeRule.naturalMaxQuantity);
			}
		}
		// A card-testing burst: one new account, its orders minutes apart on one day.
		const bursts = new Map<string, typeof fraud.orders>();
		for (const order of fraud.orders.filter((o) => o.pattern === 'card_testing')) {
			bursts.set(order.customerId, [...(bursts.get(order.customerId) ?? []), order]);
		}
		for (const orders of bursts.values()) {
			const times = orders.map((o) => parseTimestamp(o.orderedAt)!);
			expect(orders.length).toBeGreaterThanOrEqual(5);
			expect(Math.max(...times) - Math.min(...times)).toBeLessThan(30 * 60);
		}
	});
});

describe('generateRaw: determinism and cancellation', () => {
	it('writes byte-identical files for the same seed and different ones for another', async () => {
		const again = new MemoryLakeStore();
		await generateRaw(CONFIG, again);
		expect(await hashes(again)).toEqual(await hashes(store));
		const other = new MemoryLakeStore();
		await generateRaw({ ...CONFIG, seed: 8 }, other);
		const otherHashes = await hashes(other);
		const mine = await hashes(store);
		for (const dataset of ['pos_sales', 'web_orders', 'customers']) {
			const path = truth.files[dataset as keyof RawTruth['files']].path;
			expect(otherHashes[path.replace('-s7-', '-s8-')]).not.toBe(mine[path]);
		}
	});

	it('leaves no visible file when aborted mid-run', async () => {
		const lake = new MemoryLakeStore();
		const controller = new AbortController();
		const aborting: LakeStore = Object.create(lake, {
			list: { value: (prefix?: string) => lake.list(prefix) },
			writer: {
				value: async (path: string) => {
					const writer = await lake.writer(path);
					return { ...writer, write: async (chunk: Uint8Array) => (controller.abort(), writer.write(chunk)) };
				}
			}
		});
		await expect(generateRaw(CONFIG, aborting, { signal: controller.signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
		expect(controller.signal.aborted).toBe(true);
		expect(await lake.list()).toEqual([]);
	});

	it('rejects a bad config with every problem named', async () => {
		await expect(generateRaw({ salesLines: 5, from: '2025-02-30' }, new MemoryLakeStore())).rejects.toThrow(
			/Sales lines must be a whole number from 1,000.*start date must be a real date/s
		);
	});
});
