import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/chromium-args';

// Each run serves the build on a port of its own (never 4173, which `npm start` uses), and never reuses a
// server someone else started: workers inherit the chosen port through the environment.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000));
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
	testDir: 'tests/e2e',
	// The CLI lakes the specs compare against, made once for the whole run (tests/e2e/cli-lake.ts).
	globalSetup: './tests/e2e/global-setup.ts',
	timeout: 240_000,
	expect: { timeout: 30_000 },
	// Two spec files at a time: each test's work is mostly one engine worker thread, so two share the CI
	// machine's two cores well (a full run took 14 min this way against 16+ one at a time). Tests within a
	// file still run in order.
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		// No service worker unless a spec asks for one (`serviceWorkers: 'allow'`: the offline, PWA, forecast,
		// import and security specs): installing it precaches 46.8 MB in every new context, 3.4 s of CPU each
		// (six specs, two runs each: 251 → 223 s of CPU, 134 → 121 s of wall time).
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				...CHROMIUM_ARGS,
				// Wasm stays on V8's baseline compiler: each page load no longer spends ~1 s of CPU optimising
				// DuckDB-WASM's hot functions, which a short test's small queries never pay back (the e2e run:
				// 16.0–16.6 → 14.6 min). The benchmark keeps Chromium's defaults.
				'--js-flags=--liftoff-only'
			]
		}
	},
	projects: [
		{ name: 'chromium', testIgnore: /live\.spec\.ts/ },
		// Live mode's 10 s from a batch to the Overview is the app's time on two cores, not its share of them
		// beside another test's engine: it runs alone, once every other spec has finished.
		{ name: 'live', testMatch: /live\.spec\.ts/, dependencies: ['chromium'] }
	],
	webServer: {
		command: `npx vite preview --port ${PORT} --strictPort`,
		url: `http://localhost:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
