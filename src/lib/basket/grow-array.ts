/** A copy of `array` with room for `capacity` values (twice as many by default); the rest are 0. */
export function grown(array: Int32Array, capacity = array.length * 2): Int32Array<ArrayBuffer> {
	const bigger = new Int32Array(capacity);
	bigger.set(array);
	return bigger;
}
