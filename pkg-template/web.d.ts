export * from "./index.js";

/** What `init` accepts: a URL or path to the .wasm, a fetch Response, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Load and instantiate the wasm once; await it before calling anything else. */
export default function init(input?: InitInput | Promise<InitInput>): Promise<unknown>;
/** Synchronous instantiation from bytes or a compiled module. */
export declare function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;
