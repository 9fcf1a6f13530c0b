import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../tests/chromium-args';
import { seedLake } from '../tests/e2e/opfs-lake';

export interface Figure {
	value: number;
	unit: 's' | 'ms' | 'rows/s' | 'lines/s' | 'x' | 'MB' | 'KB';
	note?: string;
}

/** Everything a figure needs: the served site, the browser, and the run's scale. */
export interface BenchContext {
	baseUrl: string;
	browser: Browser;
	salesLines: number;
	preset: string;
	/**
	 * How many times to repeat a measure whose figure is a median of `usual` samples: once under `--smoke`
	 * (CI, which only proves every figure can still be measured).
	 */
	samples(usual: number): number;
	/** Whether this is a `--smoke` run: each figure measured the cheapest way that still exercises it. */
	smoke: boolean;
	/** A fresh page in a fresh profile (empty OPFS), closed by the caller. */
	newPage(): Promise<Page>;
}

/** How long a browser step of a full-scale run may take before the figure fails. */
export const TIMEOUT_MS = 30 * 60_000;

/** On the Lake page of `page`: generates the context's preset through the Generate panel. */
export async function generateOnLakePage(ctx: BenchContext, page: Page): Promise<void> {
	await page.goto(`${ctx.baseUrl}/lake`);
	await page.getByTestId('gen-preset').selectOption(ctx.preset);
	await page.getByTestId('gen-start').click();
	await page.getByTestId('gen-result').waitFor({ timeout: TIMEOUT_MS });
}

/** Generates on the Lake page, then runs the pipeline from its button and waits for it to publish. */
export async function generateAndPublish(ctx: BenchContext, page: Page): Promise<void> {
	await generateOnLakePage(ctx, page);
	await page.getByTestId('pipeline-run').click({ timeout: 60_000 });
	await page.locator('[data-testid="pipeline-status"][data-phase="done"]').waitFor({ timeout: TIMEOUT_MS });
}

const generatedLakes = new WeakMap<BenchContext, string>();
const publishedLakes = new WeakSet<BenchContext>();

/**
 * A lake folder the CLI generated with the context's preset (the Lake page's other defaults, seed 42): made
 * once per run, removed when the process exits. Read it (copy its `raw/` to run on it); never change it.
 */
export function cliGeneratedLake(ctx: BenchContext): string {
	let dir = generatedLakes.get(ctx);
	if (!dir) {
		const made = mkdtempSync(join(tmpdir(), 'bench-cli-lake-'));
		process.once('exit', () => rmSync(made, { recursive: true, force: true }));
		cli(['generate', '--lines', ctx.preset, '--out', made]);
		generatedLakes.set(ctx, (dir = made));
	}
	return dir;
}

/** `cliGeneratedLake` with the CLI's pipeline run on it once (its `raw/` unchanged): a published lake. */
export function cliPublishedLake(ctx: BenchContext): string {
	const dir = cliGeneratedLake(ctx);
	if (!publishedLakes.has(ctx)) {
		cli(['pipeline', '--lake', dir, '--threads', '1']);
		publishedLakes.add(ctx);
	}
	return dir;
}

/**
 * Leaves `page` on the Lake page of a lake published with the context's preset: generated and run in the
 * page, or under `--smoke` copied into its OPFS from the CLI's lake of the same data (the browser's own
 * generation and run are what `generate_lines_per_s` and `pipeline_s` exercise).
 */
export async function publishLake(ctx: BenchContext, page: Page): Promise<void> {
	if (!ctx.smoke) return generateAndPublish(ctx, page);
	await seedLake(page, cliPublishedLake(ctx), ctx.baseUrl);
	await page.goto(`${ctx.baseUrl}/lake`);
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
	}
	return newest;
}

/** Builds the production site unless `build/` is newer than every source file. */
export function ensureBuild(): void {
	const built = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
	if (built > newestMtime('src')) return;
	console.log('building the production site…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('npm run build failed');
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

export async function servePreview(port: number): Promise<ChildProcess> {
	// A server left over from an interrupted run would serve a stale build and hide this one's failure.
	if (await answers(`http://localhost:${port}/`))
		throw new Error(`port ${port} is already in use: stop that server first`);
	const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
		stdio: 'ignore',
		detached: true
	});
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode}`);
		if (await answers(`http://localhost:${port}/`)) return server;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	stopServer(server);
	throw new Error(`vite preview did not answer on port ${port} within 30 s`);
}

export function stopServer(server: ChildProcess): void {
	if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
}

const EXECUTABLE_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: EXECUTABLE_PATH, args: CHROMIUM_ARGS });
}

/**
 * A page in a browser of its own with a fresh profile on disk, as a user's: its OPFS lives in files, where
 * an incognito context (`browser.newContext()`) keeps it in memory (which ran out at ~60 % of 10M lines and
 * counted the lake's files in the browser's memory). Closing the page or its context ends that browser and
 * deletes the profile.
 */
export async function newPersistentPage(): Promise<Page> {
	const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: EXECUTABLE_PATH,
		args: CHROMIUM_ARGS,
		headless: true
	});
	const page = context.pages()[0] ?? (await context.newPage());
	// Once, though both the page's and the context's close call it: the profile goes when the browser has ended.
	let cleaning: Promise<void> | undefined;
	const cleanUp = () => {
		cleaning ??= context
			.close()
			.catch(() => undefined)
			.then(() => rm(profile, { recursive: true, force: true, maxRetries: 5 }))
			.catch((error: unknown) =>
				console.warn(`could not remove the bench profile ${profile}: ${String(error)}`)
			);
	};
	page.once('close', cleanUp);
	context.once('close', cleanUp);
	return page;
}

/**
 * Whether the run is at `--scale 10m`, where the figures with a 10M budget or name (`pipeline_10m_s`,
 * `peak_memory_10m_mb`, `dashboard_p95_10m_ms`) are measured instead of their 1M twins.
 */
export function isTenMillion(ctx: BenchContext): boolean {
	return ctx.preset === '10m';
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
	return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** Runs `npm run cli -- <args>` (30 minutes at most) and returns its stdout. */
export function cli(args: string[]): string {
	const result = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20,
		timeout: 30 * 60_000
	});
	if (result.status !== 0) {
		throw new Error(`npm run cli -- ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
	}
	return result.stdout;
}
