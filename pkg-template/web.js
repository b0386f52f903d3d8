// Browsers (and any ESM host with fetch): call `await init()` once before use.
// `init(input?)` accepts a URL, Response, BufferSource or WebAssembly.Module;
// by default it fetches profile_preview_bg.wasm next to this file.
import init, { initSync } from "./web/profile_preview.js";

export {
  Template,
  mergeDeep,
  applyPatch,
  applyMergePatch,
  diff,
  preview,
  previewHttp,
  previewJson,
  validate,
  recipient,
  parseIdentifierQuery,
  render,
} from "./web/profile_preview.js";
export { ProfileError } from "./web/__BRIDGE__";
export { initSync };

/** Load and instantiate the wasm once; later calls return the same promise. */
export default function initProfilePreview(input) {
  return init(input === undefined ? undefined : { module_or_path: input });
}
