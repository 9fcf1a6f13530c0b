import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Firefox check: the production build in Firefox ESR, driven by puppeteer-core over WebDriver BiDi. Apart
// from the unit tests' config (the repository's vite.config.ts) so that `npm run test:unit` never starts a
// browser; run it with `npm run test:firefox` (which builds first).
export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['tests/firefox/**/*.test.ts'],
		environment: 'node',
		testTimeout: 600_000,
		hookTimeout: 120_000
	}
});
