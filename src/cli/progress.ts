/** Where progress goes: stderr in the CLI, a fake in tests. `isTTY`: a terminal, which can redraw a line. */
export interface ProgressStream {
	isTTY?: boolean;
	/** The terminal's width, to keep the redrawn line on one row. */
	columns?: number;
	write(text: string): unknown;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * A command's progress. On a terminal one line redrawn in place with the latest state; anywhere else (a
 * log file, CI, a pipe) a line per milestone only, so a log holds a few lines, not one per update.
 */
export class Progress {
	#drawn = false;
	#lastMilestone: string | null = null;

	constructor(readonly stream: ProgressStream) {}

	/**
	 * `live` is what a terminal shows now; `milestone`, when given, is printed once off a terminal (a
	 * milestone equal to the last one printed is not printed again).
	 */
	update(live: string, milestone: string | null = null): void {
		if (this.stream.isTTY) {
			const width = Math.max(20, (this.stream.columns ?? 80) - 1);
			this.stream.write(CLEAR_LINE + (live.length > width ? `${live.slice(0, width - 1)}…` : live));
			this.#drawn = true;
		} else if (milestone !== null && milestone !== this.#lastMilestone) {
			this.#lastMilestone = milestone;
			this.stream.write(`${milestone}\n`);
		}
	}

	/** Clears the redrawn line, so what is written next starts on a clean line. */
	done(): void {
		if (!this.#drawn) return;
		this.stream.write(CLEAR_LINE);
		this.#drawn = false;
	}
}
