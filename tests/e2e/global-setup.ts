import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCliLakes } from './cli-lake';

/** Before any test: the CLI lakes the specs compare against (`cliLake`); removed when the run ends. */
export default async function globalSetup(): Promise<() => Promise<void>> {
	const root = await mkdtemp(join(tmpdir(), 'e2e-cli-lakes-'));
	await makeCliLakes(root);
	return () => rm(root, { recursive: true, force: true });
}
