import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every .ts and .svelte file under a folder of the repository, recursively. */
function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.(ts|svelte)$/.test(name))
		.map((name) => join(folder, name));
}

/** The repository paths (without extension) a file imports, static and dynamic, relative or `$lib/`. */
function importedPaths(file: string): string[] {
	const text = readFileSync(join(ROOT, file), 'utf8');
	const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
	return specs.flatMap((spec) => {
		if (spec.startsWith('$lib/')) return [join('src/lib', spec.slice(5))];
		if (spec.startsWith('.')) return [relative(ROOT, resolve(ROOT, dirname(file), spec))];
		return [];
	});
}

/** `file → import` for every import of a file under `from` that reaches into `forbidden`. */
function crossings(from: string, forbidden: string): string[] {
	return sourceFiles(from).flatMap((file) =>
		importedPaths(file)
			.filter((path) => path === forbidden || path.startsWith(`${forbidden}/`))
			.map((path) => `${file} → ${path}`)
	);
}

describe('module boundaries', () => {
	it('finds imports at all (the scanner is not blind)', () => {
		expect(crossings('src/lib/generate', 'src/lib/contracts').length).toBeGreaterThan(0);
	});

	it('the pipeline does not import the generator', () => {
		expect(crossings('src/lib/pipeline', 'src/lib/generate')).toEqual([]);
	});

	it('the importer does not import the generator', () => {
		expect(crossings('src/lib/import', 'src/lib/generate')).toEqual([]);
	});

	it('the raw contracts and the calendar depend on neither the generator nor the pipeline', () => {
		for (const neutral of ['src/lib/contracts', 'src/lib/calendar']) {
			expect(crossings(neutral, 'src/lib/generate')).toEqual([]);
			expect(crossings(neutral, 'src/lib/pipeline')).toEqual([]);
			expect(crossings(neutral, 'src/lib/import')).toEqual([]);
		}
	});
});
