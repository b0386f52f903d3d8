export * from "./index.js";

// Structural stand-ins for the DOM/WebWorker types init() accepts, so these
// declarations compile with any `lib` (no DOM, no @types/node needed).
/** A URL object (`URL` in browsers, Node, Deno, workerd). */
export interface UrlLike {
  readonly href: string;
}
/** A fetch `Request` or `Response` (anything with `arrayBuffer()`). */
export interface FetchBodyLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}
/** A compiled `WebAssembly.Module`. */
export type WasmModuleLike = object;

/** What `init` accepts: a URL or path to the .wasm, a fetch Response, its bytes, or a compiled module. */
export type InitInput = string | UrlLike | FetchBodyLike | ArrayBuffer | ArrayBufferView | WasmModuleLike;

/**
 * Load and instantiate the wasm once; await it before calling anything else
 * (until then every function throws a ProfileError with code `not_initialized`).
 * Without an argument it fetches `profile_preview_bg.wasm` next to the package's `profile_preview.js`.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Synchronous instantiation from the wasm bytes or a compiled module. */
export declare function initSync(options: { module: ArrayBuffer | ArrayBufferView | WasmModuleLike }): void;
