// Template#render's projected context: the JSON text written straight from
// a compiled plan (js/bridge.js `emit`) must be byte for byte what the
// general path makes (`JSON.stringify(project(ctx, plan))`), or give up (the
// general path then runs, with its errors and function handling).
import test from "node:test";
import assert from "node:assert/strict";
// The built package's copy of js/bridge.js (tests/js runs after the build).
import { projectionTexts } from "../../pkg/bridge.js";

// `fast`: the fast path must not give up (plain data).
const same = (value, plan, fast = true) => {
  const [got, want] = projectionTexts(value, plan);
  if (fast) assert.notEqual(got, null, `fast path gave up on ${want}`);
  if (got !== null) assert.equal(got, want);
  return got !== null;
};

test("plain paths: same JSON text as project + JSON.stringify", () => {
  const ctx = {
    brand: { name: "Acme", logo: "x" },
    profile: { first_name: "Ada", address: { city: "Paris", zip: 75001 }, tags: ["a", 1, null, { b: true }], n: -0, f: 0.1, big: 1e21, no: false },
    data: { order: { id: "A-1", total: "9.90" }, u: undefined, nil: null },
  };
  same(ctx, [["brand", "name"], ["profile", "first_name"], ["data", "order", "id"], ["profile", "address", "city"]]);
  same(ctx, [["profile", "tags"], ["profile", "n"], ["profile", "f"], ["profile", "big"], ["profile", "no"], ["data", "nil"], ["data", "u"]]);
  // A whole object and a path inside it, in both orders.
  same(ctx, [["profile", "address", "city"], ["profile"], ["brand", "name"]]);
  same(ctx, [["profile"], ["profile", "address", "city"]]);
  // Missing keys, paths through scalars, null and arrays stop where project stops.
  same(ctx, [["nope", "x"], ["brand", "name", "length"], ["data", "nil", "x"], ["profile", "tags", "0"], ["data", "u", "x"]]);
  // Courier's three lookups of a bare name.
  same(ctx, [["data", "first_name"], ["profile", "first_name"], ["first_name"]]);
  same({}, [["a"]]);
  same(ctx, []);
});

test("strings JSON.stringify escapes, index keys, __proto__ keys", () => {
  const strs = ['q"uote', "back\\slash", "nl\nx", "\u0000\u001f", "tab\t", "é€😀", "lone \ud800 x", "\udc00", "</script>", ""];
  strs.forEach((s, i) => same({ p: { [`k${i}`]: s } }, [["p", `k${i}`]]));
  const keyed = { b: 1, 10: "ten", 2: "two", a: { 1: "x", z: "y", 0: "w" }, "01": "zero-one", 4294967295: "max", 4294967294: "idx" };
  same(keyed, [["b"], ["10"], ["a", "z"], ["2"], ["a", "1"], ["01"], ["a", "0"], ["4294967295"], ["4294967294"]]);
  const proto = JSON.parse('{"__proto__": {"x": "polluted?"}, "constructor": {"prototype": 1}}');
  same(proto, [["__proto__", "x"], ["constructor", "prototype"]]);
  same(proto, [["__proto__"]]);
  assert.equal({}.x, undefined);
  // Keys that need quoting.
  same({ 'a"b': { "c\nd": "v" } }, [['a"b', "c\nd"]]);
});

test("anything unusual gives up (the general path decides)", () => {
  const giveUp = (value, plan) => {
    const [got, general] = projectionTexts(value, plan);
    assert.equal(got, null);
    return general;
  };
  giveUp({ a: NaN }, [["a"]]);
  giveUp({ a: Infinity }, [["a"]]);
  giveUp({ a: 1n }, [["a"]]);
  giveUp({ a: Symbol("s") }, [["a"]]);
  giveUp({ a: () => 1 }, [["a"]]);
  giveUp({ a: { b: [1, () => 2] } }, [["a"]]);
  giveUp({ a: { b: NaN } }, [["a"]]);
  assert.equal(giveUp({ a: new Date(0) }, [["a"]]), '{"a":"1970-01-01T00:00:00.000Z"}');
  giveUp({ a: { toJSON: () => 1 } }, [["a", "b"]]);
  // A path too deep to compile.
  assert.equal(giveUp({ a: 1 }, [Array.from({ length: 65 }, () => "a")]), '{"a":1}');
  // Values a path does not read are never looked at.
  same({ a: "x", bad: NaN, f: () => 1 }, [["a"]]);
});

test("random contexts and plans agree", () => {
  let seed = 0x9e3779b9;
  const rnd = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const keys = ["a", "b", "0", "1", "10", "__proto__", "x y", "length"];
  const scalars = [null, undefined, true, false, 0, -1.5, "s", 'q"', "\n", ""];
  const value = (depth) => {
    const r = rnd(10);
    if (depth > 3 || r < 4) return scalars[rnd(scalars.length)];
    if (r < 6) return Array.from({ length: rnd(4) }, () => value(depth + 1));
    const o = {};
    for (let i = rnd(5); i > 0; i--) Object.defineProperty(o, keys[rnd(keys.length)], { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  };
  let compared = 0;
  for (let n = 0; n < 3000; n++) {
    const ctx = value(-1);
    if (ctx === null || typeof ctx !== "object" || Array.isArray(ctx)) continue;
    const plan = Array.from({ length: rnd(6) }, () => Array.from({ length: 1 + rnd(4) }, () => keys[rnd(keys.length)]));
    // An undefined array item is an error of the general path: no fast text then.
    if (same(ctx, plan, false)) compared++;
  }
  assert.ok(compared > 1000, `${compared} compared`);
});
