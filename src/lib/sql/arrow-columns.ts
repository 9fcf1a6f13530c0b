import type { Data, Utf8, Vector } from 'apache-arrow';

/**
 * A numeric Arrow column (integers up to 32 bits or doubles; BIGINT as exact numbers) as one Float64Array,
 * nulls read as 0.
 */
export function numberColumn(vector: Vector): Float64Array {
	const values = vector.toArray() as ArrayLike<number> | BigInt64Array;
	if (values instanceof BigInt64Array) return Float64Array.from(values, Number);
	return values instanceof Float64Array ? values : new Float64Array(values);
}

const decoder = new TextDecoder();

/**
 * A text Arrow column's values. Each chunk's bytes are decoded in one call, and where they are all ASCII (the
 * decoded text as long as the bytes) every value is a slice of it: decoding value by value took 6–8 ms for
 * 14,000 cities in Node.
 */
export function textColumn(vector: Vector<Utf8>): (string | null)[] {
	const texts: (string | null)[] = [];
	for (const data of vector.data as Data<Utf8>[]) {
		const offsets = data.valueOffsets;
		const bytes = data.values.subarray(offsets[0], offsets[data.length]);
		const decoded = decoder.decode(bytes);
		const ascii = decoded.length === bytes.length;
		for (let i = 0; i < data.length; i++) {
			if (data.nullCount > 0 && !data.getValid(i)) texts.push(null);
			else if (ascii) texts.push(decoded.slice(offsets[i] - offsets[0], offsets[i + 1] - offsets[0]));
			else texts.push(decoder.decode(data.values.subarray(offsets[i], offsets[i + 1])));
		}
	}
	return texts;
}
