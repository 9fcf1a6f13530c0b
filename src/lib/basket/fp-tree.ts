import { grown } from './grow-array';

/**
 * An FP-tree in typed arrays (no object per node). Items are ranks `0 … ranks - 1`, most frequent first; a
 * path from the root lists ranks ascending. Node 0 is the root. Each rank's nodes are chained through
 * `nextSameRank` from `headOf[rank]`, and `totalOf[rank]` is the count of transactions holding the rank.
 * A node's child for a rank is found through an open-addressing hash table of (parent, rank) pairs, whose
 * slots count as empty unless stamped with the current generation, so a reset costs nothing per slot.
 */
export class FpTree {
	rank = new Int32Array(INITIAL_NODES);
	count = new Int32Array(INITIAL_NODES);
	parent = new Int32Array(INITIAL_NODES);
	nextSameRank = new Int32Array(INITIAL_NODES);
	headOf = new Int32Array(0);
	totalOf = new Int32Array(0);
	size = 1;
	ranks = 0;
	#slotNode = new Int32Array(INITIAL_NODES * 2);
	/** parent × ranks + rank of the slot's node (exact in a double), so a probe reads no node array. */
	#slotKey = new Float64Array(INITIAL_NODES * 2);
	#slotStamp = new Int32Array(INITIAL_NODES * 2);
	#stamp = 0;

	/** Makes room for `nodes` nodes at once, instead of growing to it step by step. */
	reserve(nodes: number): void {
		while (this.rank.length < nodes) this.#grow();
	}

	/** Empties the tree for ranks `0 … ranks - 1`, keeping its memory. */
	reset(ranks: number): void {
		if (this.headOf.length < ranks) {
			this.headOf = new Int32Array(ranks);
			this.totalOf = new Int32Array(ranks);
		}
		this.ranks = ranks;
		this.headOf.fill(-1, 0, ranks);
		this.totalOf.fill(0, 0, ranks);
		this.size = 1;
		this.rank[0] = -1;
		this.count[0] = 0;
		this.parent[0] = -1;
		this.#nextStamp();
	}

	/** Adds a path of ranks (ascending) `path[0] … path[length - 1]`, `count` times. */
	insert(path: Int32Array, length: number, count: number): void {
		let node = 0;
		for (let i = 0; i < length; i++) {
			const rank = path[i];
			const key = node * this.ranks + rank;
			const mask = this.#slotNode.length - 1;
			let slot = slotOf(node, rank, mask);
			let child = -1;
			while (this.#slotStamp[slot] === this.#stamp) {
				if (this.#slotKey[slot] === key) {
					child = this.#slotNode[slot];
					break;
				}
				slot = (slot + 1) & mask;
			}
			if (child === -1) child = this.#addChild(node, rank, slot);
			this.count[child] += count;
			node = child;
		}
	}

	#addChild(parent: number, rank: number, slot: number): number {
		if (this.size === this.rank.length) {
			this.#grow();
			slot = this.#freeSlot(parent, rank);
		}
		const node = this.size++;
		this.rank[node] = rank;
		this.count[node] = 0;
		this.parent[node] = parent;
		this.nextSameRank[node] = this.headOf[rank];
		this.headOf[rank] = node;
		this.#claim(slot, node);
		return node;
	}

	#claim(slot: number, node: number): void {
		this.#slotNode[slot] = node;
		this.#slotKey[slot] = this.parent[node] * this.ranks + this.rank[node];
		this.#slotStamp[slot] = this.#stamp;
	}

	#freeSlot(parent: number, rank: number): number {
		const mask = this.#slotNode.length - 1;
		let slot = slotOf(parent, rank, mask);
		while (this.#slotStamp[slot] === this.#stamp) slot = (slot + 1) & mask;
		return slot;
	}

	#nextStamp(): void {
		if (this.#stamp === 0x7fffffff) {
			this.#slotStamp.fill(0);
			this.#stamp = 0;
		}
		this.#stamp++;
	}

	/** Doubles the node arrays and the hash table (at most half full), re-hashing every node. */
	#grow(): void {
		const capacity = this.rank.length * 2;
		this.rank = grown(this.rank);
		this.count = grown(this.count);
		this.parent = grown(this.parent);
		this.nextSameRank = grown(this.nextSameRank);
		this.#slotNode = new Int32Array(capacity * 2);
		this.#slotKey = new Float64Array(capacity * 2);
		this.#slotStamp = new Int32Array(capacity * 2);
		this.#stamp = 1;
		for (let node = 1; node < this.size; node++)
			this.#claim(this.#freeSlot(this.parent[node], this.rank[node]), node);
	}
}

const INITIAL_NODES = 1024;

function slotOf(parent: number, rank: number, mask: number): number {
	return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(rank + 1, 0x85ebca77)) & mask;
}
