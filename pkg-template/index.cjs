// Node, CommonJS: the wasm is compiled and instantiated synchronously on require.
"use strict";
const w = require("./node/profile_preview.js");
const { ProfileError } = require("./node/__BRIDGE__");

module.exports = {
  ProfileError,
  Template: w.Template,
  mergeDeep: w.mergeDeep,
  applyPatch: w.applyPatch,
  applyMergePatch: w.applyMergePatch,
  diff: w.diff,
  preview: w.preview,
  previewHttp: w.previewHttp,
  previewJson: w.previewJson,
  validate: w.validate,
  recipient: w.recipient,
  parseIdentifierQuery: w.parseIdentifierQuery,
  render: w.render,
};
