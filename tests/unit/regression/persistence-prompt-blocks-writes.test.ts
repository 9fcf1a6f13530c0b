import { afterEach, describe, expect, it, vi } from 'vitest';

// Finding (Firefox): generating data stayed at 0 % forever. The first write asked for persistent storage and
// waited for the answer; Firefox asks the user, and `navigator.storage.persist()` stays pending until they
// choose (forever in a headless browser, or when the prompt is ignored).
describe('asking for persistent storage at the first write', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.resetModules();
	});

	it('does not wait for the answer, and records it when it comes', async () => {
		let answer: (granted: boolean) => void = () => {};
		const persist = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
		vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
		const { deviceStorage } = await import('../../../src/lib/state/device-storage.svelte');

		const outcome = await Promise.race([
			Promise.resolve(deviceStorage.beforeFirstWrite()).then(() => 'went ahead'),
			new Promise((resolve) => setTimeout(() => resolve('waited for the user'), 200))
		]);
		expect(outcome).toBe('went ahead');
		await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1));
		expect(deviceStorage.persisted).toBe(null);

		answer(true);
		await vi.waitFor(() => expect(deviceStorage.persisted).toBe(true));
		deviceStorage.beforeFirstWrite();
		expect(persist).toHaveBeenCalledTimes(1);
	});
});
