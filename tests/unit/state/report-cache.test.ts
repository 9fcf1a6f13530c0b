import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	cacheReport,
	clearCachedReports,
	readCachedReport,
	reportCacheKey
} from '../../../src/lib/state/report-cache';

/** Node has no localStorage: a Map behind the Storage methods the cache uses, with an optional quota. */
class MapStorage {
	items = new Map<string, string>();
	constructor(private readonly quota = Infinity) {}
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
		if (used + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

describe('report cache: the last answers by published run, page and filters', () => {
	let storage: MapStorage;
	const key = (run: string, n = 0) => reportCacheKey(run, 'overview', `city=C${n}`, 'month');

	beforeEach(() => {
		storage = new MapStorage();
		Object.assign(globalThis, { localStorage: storage });
	});
	afterEach(() => {
		Reflect.deleteProperty(globalThis, 'localStorage');
	});

	it('gives back what was kept, only for the same run, page, filters and grain', () => {
		cacheReport(key('r1'), { revenue: 12.5 });
		expect(readCachedReport(key('r1'))).toEqual({ revenue: 12.5 });
		expect(readCachedReport(key('r2'))).toBeNull();
		expect(readCachedReport(reportCacheKey('r1', 'sales', 'city=C0', 'month'))).toBeNull();
		expect(readCachedReport(reportCacheKey('r1', 'overview', 'city=C0', 'week'))).toBeNull();
	});

	it('keeps the 40 most recently stored reports', () => {
		for (let n = 0; n < 40; n++) cacheReport(key('r1', n), { n });
		cacheReport(key('r1', 0), { n: 0 }); // stored again: the most recent now
		cacheReport(key('r1', 40), { n: 40 }); // one too many: the least recent (1) goes
		expect(readCachedReport(key('r1', 0))).toEqual({ n: 0 });
		expect(readCachedReport(key('r1', 1))).toBeNull();
		expect(readCachedReport(key('r1', 2))).toEqual({ n: 2 });
		expect(readCachedReport(key('r1', 40))).toEqual({ n: 40 });
		expect(storage.items.size).toBe(40 + 1); // the reports and the index
	});

	it('a full storage empties the cache instead of failing', () => {
		storage = new MapStorage(200);
		Object.assign(globalThis, { localStorage: storage });
		cacheReport(key('r1'), { small: 1 });
		expect(() => cacheReport(key('r1', 1), { big: 'x'.repeat(500) })).not.toThrow();
		expect(readCachedReport(key('r1'))).toBeNull();
		expect(storage.items.size).toBe(0);
	});

	it('clears everything it kept', () => {
		cacheReport(key('r1'), 1);
		storage.setItem('other-app', 'kept');
		clearCachedReports();
		expect(readCachedReport(key('r1'))).toBeNull();
		expect(storage.getItem('other-app')).toBe('kept');
	});
});
