import type { LakeFileInfo } from '$lib/engine/engine-api';

/** The lake's top-level folders in Medallion order; anything else counts as `other`. */
export const LAYERS = ['raw', 'bronze', 'silver', 'gold', 'analytics', 'user', 'other'] as const;
export type Layer = (typeof LAYERS)[number];

export interface LakeFolder {
	kind: 'folder';
	name: string;
	path: string;
	/** Bytes of every file below. */
	size: number;
	/** Files directly inside (not below). */
	fileCount: number;
	children: LakeNode[];
}

export interface LakeFile {
	kind: 'file';
	name: string;
	info: LakeFileInfo;
}

export type LakeNode = LakeFolder | LakeFile;

/** Folders from the files' path segments: folders first (layers in Medallion order at the top), then files by name. */
export function buildLakeTree(files: readonly LakeFileInfo[]): LakeFolder {
	const root: LakeFolder = { kind: 'folder', name: '', path: '', size: 0, fileCount: 0, children: [] };
	for (const info of files) {
		const segments = info.path.split('/').filter(Boolean);
		let folder = root;
		folder.size += info.size;
		for (const name of segments.slice(0, -1)) {
			folder = childFolder(folder, name);
			folder.size += info.size;
		}
		folder.fileCount++;
		folder.children.push({ kind: 'file', name: segments.at(-1) ?? info.path, info });
	}
	sortTree(root, true);
	return root;
}

/** Bytes stored under each top-level folder, one entry per layer (zero when absent). */
export function bytesByLayer(files: readonly LakeFileInfo[]): { layer: Layer; bytes: number }[] {
	const bytes = new Map<Layer, number>(LAYERS.map((layer) => [layer, 0]));
	for (const file of files) {
		const layer = layerOf(file.path);
		bytes.set(layer, (bytes.get(layer) ?? 0) + file.size);
	}
	return LAYERS.map((layer) => ({ layer, bytes: bytes.get(layer) ?? 0 }));
}

function layerOf(path: string): Layer {
	const [top, ...rest] = path.split('/').filter(Boolean);
	const layer = LAYERS.find((l) => l === top && l !== 'other');
	return layer && rest.length > 0 ? layer : 'other';
}

function childFolder(parent: LakeFolder, name: string): LakeFolder {
	const existing = parent.children.find((c): c is LakeFolder => c.kind === 'folder' && c.name === name);
	if (existing) return existing;
	const path = parent.path ? `${parent.path}/${name}` : name;
	const folder: LakeFolder = { kind: 'folder', name, path, size: 0, fileCount: 0, children: [] };
	parent.children.push(folder);
	return folder;
}

function sortTree(folder: LakeFolder, top: boolean) {
	const rank = (node: LakeNode) => {
		if (node.kind === 'file') return LAYERS.length + 1;
		const layer = LAYERS.indexOf(node.name as Layer);
		return top && layer >= 0 ? layer : LAYERS.length;
	};
	folder.children.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
	for (const child of folder.children) if (child.kind === 'folder') sortTree(child, false);
}
