import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface PreviewServer {
	url: string;
	/** Stops the server and waits until it has exited: nothing answers on its port afterwards. */
	stop(): Promise<void>;
}

/** A port nobody listens on right now, chosen by the system (never 4173, which `npm start` uses). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/**
 * `vite preview` of the production build (run `npm run build` first) on a port of its own. It is ours only
 * once it says so on its output: `--strictPort` makes it exit if the port was taken meanwhile, and a server
 * someone else left running is never reused.
 */
export async function startPreview(): Promise<PreviewServer> {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
		// Plain output (no colour codes around the port) for `listening` to read.
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } }
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await listening(child, port);
	return {
		url: `http://localhost:${port}`,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

function listening(child: ChildProcess, port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => fail(new Error(`vite preview did not start in 60 s:\n${output}`)), 60_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			child.kill('SIGTERM');
			reject(error);
		};
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(`:${port}/`)) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', read);
		child.stderr!.on('data', read);
		child.once('exit', (code) =>
			fail(new Error(`vite preview exited (${code}) before listening:\n${output}`))
		);
	});
}
