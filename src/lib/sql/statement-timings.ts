/** The engine's time on the statements of one request, for "where did the time go" (dashboards, bench). */

/** Called by an engine with each statement it ran (its SQL, or a line naming an Arrow load) and its time. */
export type StatementListener = (statement: string, ms: number) => void;

/** The statements of one kind a request ran: those with the same label, their times summed. */
export interface StatementTiming {
	/** What the statement does: its `-- Grain:` sentence (the KPI queries' first comment), else its start. */
	label: string;
	ms: number;
	/** How many statements had this label (a table loaded in parts, a query run for two periods). */
	count: number;
}

const LABEL_CHARS = 90;

/**
 * A statement's label: the sentence after `-- Grain:` up to the end of its first line, else the statement's
 * first words; whitespace collapsed, cut at 90 characters with an ellipsis.
 */
export function statementLabel(statement: string): string {
	const grain = /--\s*Grain:\s*([^\n]*)/.exec(statement);
	const made = /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+\S+\s+AS\b/i.test(statement);
	const text = (grain ? `${made ? 'kept: ' : ''}${grain[1]}` : statement).replace(/\s+/g, ' ').trim();
	return text.length <= LABEL_CHARS ? text : `${text.slice(0, LABEL_CHARS - 1).trimEnd()}…`;
}

/** Collects statement times by label; `list()` gives them slowest first. */
export class StatementTimings {
	readonly #byLabel = new Map<string, StatementTiming>();

	add(statement: string, ms: number): void {
		const label = statementLabel(statement);
		const timing = this.#byLabel.get(label);
		if (timing) {
			timing.ms += ms;
			timing.count++;
		} else this.#byLabel.set(label, { label, ms, count: 1 });
	}

	/** The timings, slowest first, each rounded to 0.1 ms. */
	list(): StatementTiming[] {
		return [...this.#byLabel.values()]
			.map((timing) => ({ ...timing, ms: Math.round(timing.ms * 10) / 10 }))
			.sort((a, b) => b.ms - a.ms || a.label.localeCompare(b.label));
	}
}
