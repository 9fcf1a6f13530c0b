import type { BrowserContext, Page } from '@playwright/test';

/** The channel between a test's page and the engine worker's hold (same origin, so one BroadcastChannel). */
const CHANNEL = 'e2e-hold-commit';

/**
 * Runs first in the engine worker: once the page says `hold`, the next rename onto `_manifest.json` (a run's
 * commit point) never completes, and the page hears `held`. Everything before it (every table written, the
 * run's log as publishing) has happened for real.
 */
const PRELUDE = `{
	const channel = new BroadcastChannel(${JSON.stringify(CHANNEL)});
	let hold = false;
	channel.onmessage = (event) => { hold = event.data === 'hold'; };
	const move = FileSystemFileHandle.prototype.move;
	FileSystemFileHandle.prototype.move = function (...args) {
		if (hold && args.at(-1) === '_manifest.json') {
			channel.postMessage('held');
			return new Promise(() => {});
		}
		return move.apply(this, args);
	};
}
`;

/**
 * Serves the engine worker with the hold above in front of it, for every page of `context`. The context must
 * not use the service worker, which would serve the worker's script from its cache instead.
 */
export async function installCommitHold(context: BrowserContext): Promise<void> {
	await context.route(/\/workers\/engine\.worker-[^/]+\.js$/, async (route) => {
		const response = await route.fetch();
		await route.fulfill({ response, body: PRELUDE + (await response.text()) });
	});
}

/**
 * Asks the engine worker of `page` to hold the next commit; resolves once a run is held there, before its
 * manifest is renamed into place (start the run after calling this).
 */
export function commitHeld(page: Page): Promise<void> {
	return page.evaluate(
		(name) =>
			new Promise<void>((resolve) => {
				const channel = new BroadcastChannel(name);
				channel.onmessage = (event) => {
					if (event.data === 'held') resolve();
				};
				channel.postMessage('hold');
			}),
		CHANNEL
	);
}
