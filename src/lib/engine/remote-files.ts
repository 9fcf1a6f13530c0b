/**
 * The lake never leaves the device: SQL that would read (or write) a file on another machine is refused.
 * Three layers, since DuckDB-WASM's `read_csv('http://…')` goes through an XMLHttpRequest in the engine
 * worker, which the page's Content-Security-Policy (a `<meta>` tag) does not govern: the SQL console
 * refuses a URL in the text, the engine worker refuses any request to another origin, and the page's
 * CSP keeps `connect-src 'self'` for everything else.
 */

/** What the SQL console says when a query names or reaches a remote file. */
export const REMOTE_FILES_BLOCKED = 'The lake is local: remote files are blocked';

/** A URL literal a DuckDB file function would fetch (`'https://…'`, `'s3://…'`, …). */
const REMOTE_URL = /'\s*(?:https?|s3[an]?|gcs|gs|r2|azure|az|abfss|hf):\/\//i;

/** Thrown for a remote file. Crosses Comlink with its `name`. */
export class RemoteFileBlockedError extends Error {
	override name = 'RemoteFileBlockedError';

	constructor(detail?: string) {
		super(detail ? `${REMOTE_FILES_BLOCKED} (${detail}).` : `${REMOTE_FILES_BLOCKED}.`);
	}
}

/** Throws when `sql` names a remote file. */
export function refuseRemoteFiles(sql: string): void {
	const match = REMOTE_URL.exec(sql);
	if (match) throw new RemoteFileBlockedError(`the query names ${match[0].slice(1).trim()}…`);
}

/** An engine error that comes from a blocked remote request, told as such. */
export function asRemoteFileError(error: unknown): unknown {
	const message = error instanceof Error ? error.message : String(error);
	return message.includes(REMOTE_FILES_BLOCKED) ? new RemoteFileBlockedError() : error;
}

/** What of a worker's global scope the guard replaces. */
export interface RequestScope {
	location: { href: string; origin: string };
	fetch: typeof fetch;
	XMLHttpRequest: { prototype: Pick<XMLHttpRequest, 'open'> };
}

/**
 * Makes every request from this scope (the engine worker) to another origin fail before it is sent:
 * `XMLHttpRequest.open` (how DuckDB-WASM reads http/s3 files) throws, and `fetch` rejects.
 */
export function blockRemoteRequests(scope: RequestScope): void {
	const isLocal = (url: string | URL) => {
		const target = new URL(url, scope.location.href);
		return (
			target.origin === scope.location.origin || target.protocol === 'blob:' || target.protocol === 'data:'
		);
	};
	const open = scope.XMLHttpRequest.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
	scope.XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
		if (!isLocal(args[1] as string | URL)) throw new RemoteFileBlockedError(String(args[1]));
		return open.apply(this, args);
	} as XMLHttpRequest['open'];
	const localFetch = scope.fetch;
	scope.fetch = (input, init) => {
		const url = input instanceof Request ? input.url : input;
		if (!isLocal(url)) return Promise.reject(new RemoteFileBlockedError(String(url)));
		return localFetch(input, init);
	};
}
