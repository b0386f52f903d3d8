// Cloudflare Workers (workerd): the runtime forbids compiling wasm from bytes
// and `new Function`, so the wasm is imported as a compiled module (wrangler
// bundles .wasm imports as CompiledWasm) and instantiated synchronously.
import wasm from "./profile_preview_bg.wasm";
import { initSync } from "./web.js";

initSync({ module: wasm });

export * from "./web.js";
