import { describe, expect, it } from 'vitest';
import { reroute } from '../../../src/hooks';

/**
 * Finding 7: `/sales?city=Pune`, `/lake.html` and unknown routes failed offline. The service worker now
 * answers every navigation from its precache (the SPA fallback included; tests/e2e/offline.spec.ts), and
 * the router knows the build's own file names.
 */
describe('regression: every app URL opens, the build’s file names included', () => {
	const route = (path: string) => reroute({ url: new URL(path, 'http://localhost'), fetch }) ?? path;

	it('routes a page’s file name to the page, whatever the query', () => {
		expect(route('/lake.html')).toBe('/lake');
		expect(route('/customers.html')).toBe('/customers');
		expect(route('/index.html')).toBe('/');
		expect(route('/sales')).toBe('/sales');
		expect(route('/')).toBe('/');
	});
});
