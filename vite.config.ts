/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const duckdbBrowserBlocking = fileURLToPath(
	new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url)
);

/**
 * `vite preview` serves SvelteKit's output (`.svelte-kit/output`), not the adapter's `build/`, so it lacks
 * the SPA fallback page that a static host serves from `build/` and the service worker precaches: serve
 * it here, as the host would.
 */
const previewSpaFallback: Plugin = {
	name: 'preview-spa-fallback',
	configurePreviewServer(server) {
		server.middlewares.use('/200.html', async (_request, response) => {
			response.setHeader('Content-Type', 'text/html');
			response.end(await readFile(fileURLToPath(new URL('./build/200.html', import.meta.url))));
		});
	}
};

export default defineConfig({
	plugins: [
		previewSpaFallback,
		tailwindcss(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// A new build's worker waits until the user chooses Reload (UpdatePrompt.svelte): a page never runs a
			// mix of two builds' files.
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				id: '/',
				name: 'Retail Data Hub',
				short_name: 'Retail Hub',
				description: 'Local-first retail analytics: your data never leaves this device.',
				theme_color: '#0f766e',
				background_color: '#0b1220',
				display: 'standalone',
				start_url: '/',
				scope: '/',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					// The glyph inside the safe zone on a full-bleed background (tools/maskable-icon.ts draws it).
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			// The SPA fallback (adapter-static's 200.html) is precached, so any app URL opens offline.
			// SvelteKit checks _app/version.json when a navigation fails (an unknown route): precached too.
			kit: { adapterFallback: '200.html', spa: true, includeVersionFile: true },
			workbox: {
				// The DuckDB eh wasm is ~34 MB: it must be precached for offline use, as must parquet-wasm's and the
				// tfjs wasm backend's three files (the forecast worker imports them with ?url and setWasmPaths).
				maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,wasm}', 'prerendered/**/*.html'],
				navigateFallback: '/200.html',
				// Filters live in the query string (/sales?city=Pune): any query matches the precached page.
				ignoreURLParametersMatching: [/.*/],
				cleanupOutdatedCaches: true,
				// The first install takes the open page at once (nothing older to mix with); an update activates only
				// when the page asks it to skip waiting, and the page then reloads.
				clientsClaim: true
			}
		})
	],
	resolve: {
		alias: { 'duckdb-wasm-browser-blocking': duckdbBrowserBlocking }
	},
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
	worker: { format: 'es' },
	build: { target: 'es2022' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Every core (Vitest leaves one free by default): most files wait on DuckDB or a CLI child process, and
		// on the two-core CI machine the suite took 4.6 min this way against 6.5 min on one worker.
		maxWorkers: availableParallelism(),
		// Files in a worker share its loaded modules (DuckDB-WASM compiled once, not once per file): the suite's
		// wall time went 4.3 → 2.6 min here. Tests that change module state (currency, fake timers, stubbed
		// globals) restore it in afterEach.
		isolate: false,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
