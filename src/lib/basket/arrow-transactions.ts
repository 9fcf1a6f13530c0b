import { tableFromIPC, type Data, type List } from 'apache-arrow';
import type { Transactions } from './transactions';

/**
 * Transactions from an Arrow IPC stream whose first column is a list of non-negative integer item ids (one
 * row per transaction), read from the list's offset and value buffers without a JavaScript value per item.
 */
export function transactionsFromArrowList(ipc: Uint8Array, itemCount: number): Transactions {
	const table = tableFromIPC(ipc);
	const column = table.getChildAt(0);
	if (!column) throw new Error('The transactions query returned no column.');
	const chunks = column.data as Data<List>[];
	const rows = chunks.reduce((sum, data) => sum + data.length, 0);
	const values = chunks.reduce((sum, data) => sum + listValueCount(data), 0);
	const offsets = new Int32Array(rows + 1);
	const items = new Int32Array(values);
	let row = 0;
	let size = 0;
	for (const data of chunks) {
		const valueOffsets = data.valueOffsets;
		const child = data.children[0];
		const childValues = child.values as ArrayLike<number | bigint>;
		for (let i = 0; i < data.length; i++) {
			const start = valueOffsets[data.offset + i];
			const end = valueOffsets[data.offset + i + 1];
			for (let v = start; v < end; v++) items[size++] = Number(childValues[child.offset + v]);
			offsets[++row] = size;
		}
	}
	for (let i = 0; i < size; i++) {
		if (!(items[i] >= 0 && items[i] < itemCount)) {
			throw new Error(`Item id ${items[i]} is outside 0 … ${itemCount - 1}.`);
		}
	}
	return { offsets, items, itemCount };
}

function listValueCount(data: Data<List>): number {
	return data.valueOffsets[data.offset + data.length] - data.valueOffsets[data.offset];
}
