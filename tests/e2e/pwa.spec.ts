import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromium-args';
import { engineReady, expect, test } from './fixtures';

// Served through the app's service worker, as a visitor gets it (the e2e default blocks it).
test.use({ serviceWorkers: 'allow' });

// A fresh context is incognito, and Chromium reports 'in-incognito' for it: install needs a real profile.
test('Chromium finds the app installable: the manifest parses cleanly and no installability error', async ({
	baseURL
}) => {
	const profile = mkdtempSync(join(tmpdir(), 'rdh-install-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		baseURL
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await page.evaluate(() => navigator.serviceWorker.ready);
		const cdp = await context.newCDPSession(page);
		const manifest = await cdp.send('Page.getAppManifest', {});
		expect(manifest.errors).toEqual([]);
		const parsed = JSON.parse(manifest.data ?? '{}');
		expect(parsed).toMatchObject({ id: '/', start_url: '/', display: 'standalone', theme_color: '#0f766e' });
		const maskable = parsed.icons.find((icon: { purpose?: string }) => icon.purpose === 'maskable');
		expect(maskable).toMatchObject({ src: '/icons/icon-maskable-512.png', sizes: '512x512' });
		expect((await page.request.get(maskable.src)).ok()).toBe(true);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('the Lake page shows whether storage persists, usage of quota, and warns before a generation that will not fit', async ({
	page,
	problems
}) => {
	await page.goto('/lake');
	await engineReady(page);
	const truth = await page.evaluate(async () => ({
		persisted: await navigator.storage.persisted(),
		...(await navigator.storage.estimate())
	}));
	const persistence = page.getByTestId('storage-persistence');
	await expect(persistence).toHaveAttribute('data-persisted', String(truth.persisted));
	await expect(persistence).toContainText(
		truth.persisted ? 'Storage: persistent' : 'may be cleared by the browser under pressure'
	);
	// Chromium's quota here is usage + the disk's free space, which moves as other processes write: 1 % slack.
	const shownQuota = Number(await page.getByTestId('storage-estimate').getAttribute('data-quota'));
	expect(Math.abs(shownQuota / truth.quota! - 1)).toBeLessThan(0.01);

	// At this browser's own quota the 70,000-line preset fits; with 20 MB left it does not: it needs ~33 MB once
	// published (9.5 MB + 240 B a line raw, 1.5 MB + 72 B a line of layers). Chromium 156 ignores the DevTools
	// protocol's Storage.overrideQuotaForOrigin (estimate() kept the disk's quota), so the page's estimate
	// reports a quota 20 MB above the real usage.
	await expect(page.getByTestId('gen-quota-warning')).toHaveCount(0);
	await page.addInitScript(() => {
		const real = navigator.storage.estimate.bind(navigator.storage);
		navigator.storage.estimate = async () => {
			const { usage = 0 } = await real();
			return { usage, quota: usage + 20_000_000 };
		};
	});
	await page.reload();
	await engineReady(page);
	const warning = page.getByTestId('gen-quota-warning');
	await expect(warning).toHaveAttribute('data-free', '20000000');
	await expect(warning).toHaveAttribute(
		'data-needed',
		String(9_500_000 + 240 * 70_000 + 1_500_000 + 72 * 70_000)
	);
	await expect(warning).toContainText('32.8 MB');
	expect(problems).toEqual([]);
});

/** A static host for two builds at one origin: `serve.root` is the build it serves now. */
function staticHost(): { server: Server; serve: { root: string }; origin: () => string } {
	const types: Record<string, string> = {
		'.html': 'text/html',
		'.js': 'text/javascript',
		'.css': 'text/css',
		'.json': 'application/json',
		'.webmanifest': 'application/manifest+json',
		'.wasm': 'application/wasm',
		'.png': 'image/png',
		'.svg': 'image/svg+xml'
	};
	const serve = { root: '' };
	const server = createServer((request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		const candidates = path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`];
		for (const candidate of candidates) {
			const file = resolve(serve.root, `.${candidate}`);
			if (!file.startsWith(serve.root)) break;
			try {
				const body = readFileSync(file);
				response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
				response.end(body);
				return;
			} catch {
				// try the next candidate
			}
		}
		response.writeHead(404).end();
	});
	return { server, serve, origin: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A second build of the same sources: SvelteKit stamps each build with its own version and chunk names. */
function buildAgain(into: string): string {
	const root = process.cwd();
	cpSync(join(root, 'src'), join(into, 'src'), { recursive: true });
	cpSync(join(root, 'static'), join(into, 'static'), { recursive: true });
	for (const file of ['package.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'])
		cpSync(join(root, file), join(into, file));
	symlinkSync(join(root, 'node_modules'), join(into, 'node_modules'));
	execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
		cwd: into,
		stdio: 'pipe'
	});
	return join(into, 'build');
}

const buildVersion = (dir: string) =>
	JSON.parse(readFileSync(join(dir, '_app/version.json'), 'utf8')).version;

async function shownVersion(page: Page): Promise<string | null> {
	await page.getByTestId('storage-link').first().click({ force: true });
	return page.getByTestId('app-build').textContent();
}

test('a new build waits: the page keeps its build until Reload, then runs the new one', async ({
	browser,
	problems
}) => {
	test.setTimeout(600_000);
	const work = mkdtempSync(join(tmpdir(), 'rdh-update-'));
	const host = staticHost();
	try {
		const a = resolve('build');
		const b = buildAgain(work);
		await new Promise<void>((listening) => host.server.listen(0, '127.0.0.1', listening));
		const [versionA, versionB] = [buildVersion(a), buildVersion(b)];
		expect(versionB).not.toBe(versionA);

		host.serve.root = a;
		const context = await browser.newContext({ baseURL: host.origin() });
		const page = await context.newPage();
		page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
		page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
		await page.goto('/storage');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller)
				await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done));
		});
		await expect(page.getByTestId('app-build')).toHaveText(versionA);

		// B is deployed. One reload: A's worker answers it from A's cache, and finds B's worker, which installs
		// and waits.
		host.serve.root = b;
		const fromNetwork: string[] = [];
		page.on('response', (response) => {
			if (new URL(response.url()).pathname.startsWith('/_app/') && !response.fromServiceWorker())
				fromNetwork.push(response.url());
		});
		await page.reload();
		await expect(page.getByText('A new version is ready')).toBeVisible({ timeout: 120_000 });
		await expect(page.getByTestId('app-build')).toHaveText(versionA);
		// Pages not yet opened still come from A's cache (B's host no longer has A's chunks).
		await page.getByRole('link', { name: 'Sales' }).first().click({ force: true });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales');
		expect(await shownVersion(page)).toBe(versionA);
		expect(fromNetwork).toEqual([]);

		await page.getByTestId('update-reload').click();
		await expect(page.getByTestId('app-build')).toHaveText(versionB, { timeout: 60_000 });
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		await context.close();
	} finally {
		host.server.close();
		rmSync(work, { recursive: true, force: true });
	}
});
