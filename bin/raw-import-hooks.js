// Node module hooks giving `import text from './x.sql?raw'` the meaning Vite gives it, so the CLI runs
// the same modules as the app (whose SQL lives in .sql files).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function load(url, context, nextLoad) {
	if (!url.endsWith('?raw')) return nextLoad(url, context);
	const text = await readFile(fileURLToPath(url.slice(0, -'?raw'.length)), 'utf8');
	return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
