import { describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { SignalsData } from '../../../src/lib/signals/signals-data';
import {
	parseSignals,
	readSavedSignals,
	saveSignals,
	SIGNALS_VERSION,
	signalsPath
} from '../../../src/lib/signals/signals-store';

describe('the kept detection of a run', () => {
	it('keeps numbers JSON has no form for, and the orders as one row of values each', async () => {
		const order = { orderId: 'W1', score: Infinity, signals: ['velocity'], accountAgeHours: null };
		const value = {
			detected: { surprise: [-Infinity, NaN, 2.5] },
			orders: [order, { ...order, orderId: 'W2', score: 3 }]
		};
		const store = new MemoryLakeStore();
		await saveSignals(store, { runId: 'run-1', ...value } as never);
		const text = new TextDecoder().decode(await store.read(signalsPath('run-1')));
		expect(text).toBe(
			`{"version":${SIGNALS_VERSION},"data":{"runId":"run-1","detected":{"surprise":[{"$number":"-Infinity"},{"$number":"NaN"},2.5]},` +
				'"orders":{"fields":["orderId","score","signals","accountAgeHours"],' +
				'"rows":[["W1",{"$number":"Infinity"},["velocity"],null],["W2",3,["velocity"],null]]}}}'
		);
		expect(parseSignals(text)).toEqual({ runId: 'run-1', ...value });
		expect(parseSignals(text.replace(`"version":${SIGNALS_VERSION}`, '"version":0'))).toBeNull();
		expect(parseSignals(text.slice(0, -2))).toBeNull();
	});

	it('is read back only for its own run and version; a missing or cut-short file reads as none', async () => {
		const store = new MemoryLakeStore();
		const data = { runId: 'run-2', elapsedMs: 12, orders: [] } as unknown as SignalsData;
		expect(await readSavedSignals(store, 'run-2')).toBeNull();
		await saveSignals(store, data);
		expect(await readSavedSignals(store, 'run-2')).toEqual(data);
		expect(await readSavedSignals(store, 'run-3')).toBeNull();

		const text = new TextDecoder().decode(await store.read(signalsPath('run-2')));
		await store.write(signalsPath('run-2'), new TextEncoder().encode(text.slice(0, -3)));
		expect(await readSavedSignals(store, 'run-2')).toBeNull();
		await store.write(
			signalsPath('run-2'),
			new TextEncoder().encode(JSON.stringify({ version: SIGNALS_VERSION + 1, data }))
		);
		expect(await readSavedSignals(store, 'run-2')).toBeNull();
		// A file the lake cannot read is none too: the detection runs again rather than failing.
		const failing = Object.assign(Object.create(store) as MemoryLakeStore, {
			read: () => Promise.reject(new Error('NotReadableError: the file could not be read'))
		});
		expect(await readSavedSignals(failing, 'run-2')).toBeNull();
		// A file saved under another run's name is not that run's.
		await store.write(signalsPath('run-3'), new TextEncoder().encode(text));
		expect(await readSavedSignals(store, 'run-3')).toBeNull();
	});

	it('saving a run removes the other runs’ files', async () => {
		const store = new MemoryLakeStore();
		await saveSignals(store, { runId: 'run-1', orders: [] } as unknown as SignalsData);
		await saveSignals(store, { runId: 'run-2', orders: [] } as unknown as SignalsData);
		expect((await store.list('analytics')).map((entry) => entry.path)).toEqual([signalsPath('run-2')]);
	});

	// Regression: the engine made and wrote the whole file in one go after a detection (~1.5 s at 1M lines),
	// and a dashboard's filter change waited for all of it.
	it('saving pauses between parts of the file, a slice of 10,000 orders each, and the file reads back whole', async () => {
		const store = new MemoryLakeStore();
		const orders = Array.from({ length: 25_000 }, (_, i) => ({
			orderId: `W${i}`,
			score: i === 7 ? Infinity : i
		}));
		const data = { runId: 'run-9', detected: { anomalies: [] }, orders } as unknown as SignalsData;
		let pauses = 0;
		await saveSignals(store, data, () => void pauses++);
		// The head, three slices of orders (10,000, 10,000, 5,000), the end.
		expect(pauses).toBe(5);
		const text = new TextDecoder().decode(await store.read(signalsPath('run-9')));
		expect(await readSavedSignals(store, 'run-9')).toEqual(data);
		const { rows } = JSON.parse(text).data.orders;
		expect(rows).toHaveLength(25_000);
		// Where the slices meet, and the number JSON has no form for inside one.
		expect(rows.slice(9_999, 10_001)).toEqual([
			['W9999', 9_999],
			['W10000', 10_000]
		]);
		expect(rows[7]).toEqual(['W7', { $number: 'Infinity' }]);
		expect(rows[24_999]).toEqual(['W24999', 24_999]);
	});
});
