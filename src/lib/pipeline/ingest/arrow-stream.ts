import { Field, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, type Vector } from 'apache-arrow';

/**
 * Equal-length columns, in the given order, as one Arrow IPC stream. (An object of columns would put
 * integer-like names such as `"2024"` first.)
 */
export function arrowStream(columns: [name: string, values: Vector][]): Uint8Array {
	const fields = columns.map(([name, values]) => new Field(name, values.type, true));
	const data = makeData({
		type: new Struct(fields),
		length: columns[0]?.[1].length ?? 0,
		nullCount: 0,
		children: columns.map(([, values]) => values.data[0])
	});
	return tableToIPC(new Table([new RecordBatch(new Schema(fields), data)]), 'stream');
}
