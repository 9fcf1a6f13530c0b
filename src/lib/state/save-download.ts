/** Hands a Blob to the browser's downloads under `name`. */
export function saveDownload(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.click();
	// The download starts asynchronously; revoking at once can cancel it.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
