import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: '200.html', strict: true }),
		// The bench drives the app's own modules: type-check it with them, so a renamed export fails `check`.
		typescript: {
			config: (tsconfig) => ({ ...tsconfig, include: [...tsconfig.include, '../bench/**/*.ts'] })
		},
		serviceWorker: { register: false },
		// The lake never leaves the device: scripts, workers, wasm and every connection stay on this origin
		// (DuckDB's read_csv('http://…') included). SvelteKit adds the hashes of its own inline bootstrap;
		// no other inline script runs. Styles may be inline (Svelte and the charts set them).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'style-src': ['self', 'unsafe-inline'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	},
	compilerOptions: { runes: true }
};

export default config;
