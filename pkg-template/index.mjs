// Node, ES modules. A thin wrapper over the CommonJS build, so `import` and
// `require` in one process share one wasm instance and one ProfileError
// class (no dual-package hazard for `instanceof`).
import api from "./index.cjs";

export const {
  ProfileError,
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
} = api;
