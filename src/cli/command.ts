import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Progress, type ProgressStream } from './progress';

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliIo {
	out(text: string): void;
	err(text: string): void;
	/** Where progress goes (the CLI: stderr, redrawn on a terminal); absent: milestones through `err`. */
	progress?: ProgressStream;
}

/** A command's progress reporter on `io`. */
export function progressOf(io: CliIo): Progress {
	return new Progress(io.progress ?? { isTTY: false, write: (text) => io.err(text.replace(/\n$/, '')) });
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

/**
 * A command's options as Node's `parseArgs` reads them (strict, no positionals); a mistake in them is a
 * UsageError, reported with the command's help.
 */
export function parseCommandOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
	args: string[],
	options: T
) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals: false });
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

/** A numeric option: undefined when absent, a usage error unless it is a number `valid` accepts. */
export function optionalNumber(
	name: string,
	text: string | undefined,
	valid: (value: number) => boolean
): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || !valid(value))
		throw new UsageError(`${name} got "${text}", which it cannot take.`);
	return value;
}
