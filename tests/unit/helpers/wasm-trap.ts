/**
 * A real WebAssembly trap, as DuckDB-WASM's or parquet-wasm's code raises one: a module whose one function
 * is `unreachable`. Calling `trap()` throws a `WebAssembly.RuntimeError` ("unreachable").
 */
const UNREACHABLE_MODULE = new Uint8Array(
	[
		[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
		[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // one type: () -> ()
		[0x03, 0x02, 0x01, 0x00], // one function of that type
		[0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00], // exported as "trap"
		[0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b] // its body: unreachable, end
	].flat()
);

export const trap = new WebAssembly.Instance(new WebAssembly.Module(UNREACHABLE_MODULE)).exports
	.trap as () => never;
