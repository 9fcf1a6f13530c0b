/** The first index in [from, to) that is not JSON whitespace, or `to`. */
export function skipSpace(bytes: Uint8Array, from: number, to: number): number {
	let i = from;
	while (i < to && isSpace(bytes[i])) i++;
	return i;
}

/** The end of [from, to) without its trailing JSON whitespace. */
export function trimSpaceEnd(bytes: Uint8Array, from: number, to: number): number {
	let i = to;
	while (i > from && isSpace(bytes[i - 1])) i--;
	return i;
}

function isSpace(byte: number): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
