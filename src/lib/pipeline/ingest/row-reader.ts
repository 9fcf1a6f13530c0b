/** Reads one raw file's rows into a `RowStager`, a chunk at a time. */
export interface RowReader {
	/** Reads rows into the stager until it is full or the file ends; false once the file is done. */
	fill(): boolean;
	/** Those of `required` the file has no column (or key) for. */
	missingColumns(required: readonly string[]): string[];
}
