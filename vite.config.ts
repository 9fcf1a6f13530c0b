/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const duckdbBrowserBlocking = fileURLToPath(
	new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url)
);

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			registerType: 'autoUpdate',
			injectRegister: false,
			manifest: {
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
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				// The DuckDB eh wasm is ~34 MB: it must be precached for offline use, as must parquet-wasm's and the
				// tfjs wasm backend's three files (the forecast worker imports them with ?url and setWasmPaths).
				maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,wasm}', 'prerendered/**/*.html'],
				navigateFallback: '/200.html',
				cleanupOutdatedCaches: true
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
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
