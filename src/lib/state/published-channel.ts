/**
 * Tells the app's other tabs that a run was published (a pipeline run, a rollback), so their pages read the
 * new Gold without a reload. Within a tab, pages follow the lake listing (`engine.files`) instead.
 */
const CHANNEL = 'retail-data-hub:published';

interface PublishedMessage {
	runId: string;
}

export function announcePublished(runId: string): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage({ runId } satisfies PublishedMessage);
	channel.close();
}

/** Calls `listener` whenever another tab publishes; returns a function that stops listening. */
export function onPublishedElsewhere(listener: (runId: string) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = (event: MessageEvent<PublishedMessage>) => listener(event.data.runId);
	return () => channel.close();
}
