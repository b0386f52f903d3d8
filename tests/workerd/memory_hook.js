// Imported before the package by memory_worker.js: keeps the wasm memory of
// the instance the package creates, so the worker can report its size.
export let memory;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  memory = instance.exports.memory;
  return instance;
};
