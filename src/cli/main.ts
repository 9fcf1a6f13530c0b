import { pathToFileURL } from 'node:url';
import { basketCommand } from './basket-command';
import { UsageError, type CliCommand, type CliIo } from './command';
import { forecastCommand } from './forecast-command';
import { generateCommand } from './generate-command';
import { importCommand } from './import-command';
import { pipelineCommand } from './pipeline-command';
import { reportCommand } from './report-command';
import { signalsCommand } from './signals-command';

/** Every command; a new one is one module and one entry here. */
const COMMANDS: readonly CliCommand[] = [
	generateCommand,
	importCommand,
	pipelineCommand,
	reportCommand,
	basketCommand,
	forecastCommand,
	signalsCommand
];

const PROGRAM = 'npm run cli --';

const consoleIo: CliIo = {
	out: (text) => process.stdout.write(`${text}\n`),
	err: (text) => process.stderr.write(`${text}\n`),
	progress: process.stderr
};

function overview(): string {
	const width = Math.max(...COMMANDS.map((command) => command.name.length));
	return [
		`Retail Data Hub, headless.`,
		``,
		`Usage: ${PROGRAM} <command> [options]`,
		``,
		`Commands:`,
		...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
		``,
		`Run "${PROGRAM} <command> --help" for a command's options.`
	].join('\n');
}

/** Runs one command line (without the node and script arguments); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.out(overview());
		return name === undefined ? 2 : 0;
	}
	const command = COMMANDS.find((candidate) => candidate.name === name);
	if (!command) {
		io.err(`Unknown command "${name}".\n\n${overview()}`);
		return 2;
	}
	try {
		return await command.run(args, io);
	} catch (error) {
		if (error instanceof UsageError) {
			io.err(`${error.message}\n\n${command.help}`);
			return 2;
		}
		io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
		return 1;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
