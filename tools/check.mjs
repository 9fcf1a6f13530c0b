// `npm run check` after `svelte-kit sync`: the type check, the linter and the formatter check side by side
// (each is single-threaded; one after another they took 81 s here, ESLint alone 48 s). Each one's output is
// printed whole when it ends; the exit status is non-zero when any of them failed.
import { spawn } from 'node:child_process';

// Two lanes for two cores: ESLint on one, the type check then the formatter on the other.
const LANES = [
	[['eslint', '.']],
	[
		['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
		['prettier', '--check', '.']
	]
];

function run([command, ...args]) {
	return new Promise((resolve) => {
		const started = performance.now();
		const child = spawn(`node_modules/.bin/${command}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => (output += `${error.message}\n`));
		child.on('close', (code) => {
			const seconds = ((performance.now() - started) / 1000).toFixed(1);
			process.stdout.write(
				`── ${command}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds} s\n`
			);
			process.stdout.write(output);
			resolve(code === 0);
		});
	});
}

async function lane(checks) {
	let passed = true;
	for (const check of checks) passed = (await run(check)) && passed;
	return passed;
}

const passed = await Promise.all(LANES.map(lane));
process.exitCode = passed.every(Boolean) ? 0 : 1;
