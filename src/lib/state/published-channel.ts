/**
 * Tells the app's other tabs that a run started, and that one was published (a pipeline run, a rollback), so
 * their pages say a run is in progress elsewhere and then read the new Gold without a reload. Within a tab,
 * pages follow the lake listing (`engine.files`) instead.
 */
const CHANNEL = 'retail-data-hub:published';

type LakeMessage = { kind: 'published'; runId: string } | { kind: 'started' };

function post(message: LakeMessage): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage(message);
	channel.close();
}

function listen(listener: (message: LakeMessage) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = (event: MessageEvent<LakeMessage>) => listener(event.data);
	return () => channel.close();
}

export function announcePublished(runId: string): void {
	post({ kind: 'published', runId });
}

export function announceRunStarted(): void {
	post({ kind: 'started' });
}

/** Calls `listener` whenever another tab publishes; returns a function that stops listening. */
export function onPublishedElsewhere(listener: (runId: string) => void): () => void {
	return listen((message) => message.kind === 'published' && listener(message.runId));
}

/** Calls `listener` whenever another tab starts a pipeline run; returns a function that stops listening. */
export function onRunStartedElsewhere(listener: () => void): () => void {
	return listen((message) => message.kind === 'started' && listener());
}
