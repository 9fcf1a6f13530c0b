import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Finding: `retail-hub report --json | head` crashed with "Unhandled 'error' event … write EPIPE" and exit
// code 1 once head had what it wanted and closed the pipe.
describe('the CLI piped into a reader that stops early', () => {
	it('ends quietly with exit code 0', async () => {
		const child = spawn('node', ['bin/retail-hub.js', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
		// Closed before the CLI (which takes a second to start) writes its first byte.
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(0);
	}, 60_000);
});
