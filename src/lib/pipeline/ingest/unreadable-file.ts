/** A raw file that cannot be read as its format at all: it is rejected whole, with this message. */
export class UnreadableFileError extends Error {
	override name = 'UnreadableFileError';
}
