/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliIo {
	out(text: string): void;
	err(text: string): void;
}

/** One `npm run cli -- <name> …` command: a module exporting one of these. */
export interface CliCommand {
	name: string;
	/** One line for the command list. */
	summary: string;
	/** The full `--help` text. */
	help: string;
	/** Runs with the arguments after the command name; resolves to the process exit code. */
	run(args: string[], io: CliIo): Promise<number>;
}

/** A mistake in the command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}
