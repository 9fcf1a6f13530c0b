import { describe, expect, it } from 'vitest';
import { errorDetails, formatError, outOfMemory, outOfStorage } from '../../../src/lib/format';

/**
 * Finding (issue 15, item 2, e2e faults.spec): with the site's storage quota used up, a generation said
 * "Writing to the lake failed: the browser ran out of storage space for this site. Free some space (or delete
 * old data) and try again. Check the settings and try again." (two pieces of advice, the second wrong); a
 * SQL console query that ran DuckDB out of memory told the user to check the SQL and offered DuckDB's own
 * hints (set a temp directory, raise memory_limit), which cannot be taken in the app (its configuration is
 * locked). Now either error gets the one advice that fits, whoever reports it.
 */
describe('regression: full storage and memory are misadvised', () => {
	const storage = new Error(
		'Writing to the lake failed: the browser ran out of storage space for this site.'
	);
	const quota = new DOMException(
		'The operation failed because it would cause the application to exceed its storage quota.',
		'QuotaExceededError'
	);
	const memory = new Error(
		"Out of Memory Error: failed to allocate data of size 16.0 MiB (3.1 GiB/3.1 GiB used)\n\nDatabase is launched in in-memory mode and no temporary directory is specified.\nOr set SET temp_directory='/path/to/tmp.tmp'"
	);

	it('a full storage gets the storage advice, not the caller’s', () => {
		expect(outOfStorage(storage)).toBe(true);
		expect(outOfStorage(quota)).toBe(true);
		expect(formatError('Generating the data failed', storage, 'Check the settings and try again.')).toBe(
			'Generating the data failed: Writing to the lake failed: the browser ran out of storage space for this site. ' +
				'This site’s storage is full: free some space (remove data you no longer need, or use Clear the lake on the Lake page), then try again. The data published before is unchanged.'
		);
		expect(formatError('The import failed', quota, 'Check the file and try again.')).not.toContain(
			'Check the file'
		);
	});

	it('DuckDB out of memory gets the memory advice, and its own hints are not offered', () => {
		expect(outOfMemory(memory)).toBe(true);
		expect(formatError('The query failed', memory, 'Check the SQL and run it again.')).toBe(
			'The query failed: Out of Memory Error: failed to allocate data of size 16.0 MiB (3.1 GiB/3.1 GiB used). ' +
				'DuckDB ran out of the memory this tab can give it: ask for less at once (filter, aggregate, or add a LIMIT), then run it again. The engine and the published data are unchanged.'
		);
		expect(errorDetails(memory)).toContain('temp_directory');
	});

	it('other errors keep the caller’s advice', () => {
		const parser = new Error('Parser Error: syntax error at or near "SELEC"');
		expect([outOfStorage(parser), outOfMemory(parser)]).toEqual([false, false]);
		expect(formatError('The query failed', parser, 'Check the SQL and run it again.')).toBe(
			'The query failed: Parser Error: syntax error at or near "SELEC". Check the SQL and run it again.'
		);
	});
});
