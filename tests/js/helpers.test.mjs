// JS helpers (TemplateOptions.helpers) through the built npm package:
// Handlebars.js's calling convention, escaping, SafeString, options.fn
// re-entry, errors with line/column and cause, and bad return values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Template, render, SafeString, ProfileError } from "profile-preview";

const hb = (helpers, extra = {}) => ({ dialect: "handlebars", helpers, ...extra });

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ProfileError, `not a ProfileError: ${e}`);
    return e;
  }
  assert.fail("expected a ProfileError");
}

test("signature: this, positional args, options last", () => {
  let seen;
  const helpers = {
    h(a, b, options) {
      const { index, key, first, last } = options.data;
      seen = { self: this, a, b, name: options.name, hash: options.hash, data: { index, key, first, last }, loc: options.loc, fn: typeof options.fn };
      return `${a}-${b}`;
    },
  };
  const out = render("{{#each xs}}{{h n 'x' k=@index}}{{/each}}", { xs: [{ n: 1 }, { n: 2 }] }, hb(helpers));
  assert.equal(out, "1-x2-x");
  assert.deepEqual(seen, {
    self: { n: 2 },
    a: 2,
    b: "x",
    name: "h",
    hash: { k: 1 },
    data: { index: 1, key: 1, first: false, last: true },
    loc: { start: { line: 1, column: 14 }, end: { line: 1, column: 14 } },
    fn: "undefined",
  });
});

test("results are escaped unless SafeString; undefined and null print nothing", () => {
  const helpers = {
    raw: (s) => `<${s}>`,
    safe: (s) => new SafeString(`<b>${s}</b>`),
    none: () => undefined,
    nil: () => null,
    obj: () => ({ a: 1 }),
    list: () => [1, "two"],
    num: () => 1.5,
  };
  const out = render("{{raw x}} {{safe x}} [{{none}}{{nil}}] {{{raw x}}} {{obj}} {{list}} {{num}}", { x: "&" }, hb(helpers));
  assert.equal(out, "&lt;&amp;&gt; <b>&</b> [] <&> [object Object] 1,two 1.5");
});

test("block helpers: options.fn / inverse re-enter the renderer, with data and block params", () => {
  const helpers = {
    list(items, options) {
      if (!items.length) return options.inverse(this);
      return items.map((x, i) => options.fn(x, { data: { index: i, first: i === 0 }, blockParams: [x, i] })).join("|");
    },
    up: (s) => String(s).toUpperCase(),
    wrap(options) {
      return "[" + options.fn(this) + "]";
    },
  };
  const t = new Template(
    "{{#list xs as |item i|}}{{#wrap}}{{@index}}{{#if @first}}*{{/if}}{{up item.n}}{{i}}{{../title}}{{/wrap}}{{else}}none {{title}}{{/list}}",
    hb(helpers),
  );
  assert.equal(t.render({ title: "T", xs: [{ n: "a" }, { n: "b" }] }), "[0*A0T]|[1B1T]");
  assert.equal(t.render({ title: "<T>", xs: [] }), "none &lt;T&gt;");
  // Block output is not escaped (as Handlebars.js); options.blockParams says how many.
  let bp;
  render("{{#b as |x y|}}{{/b}}", {}, hb({ b: (o) => ((bp = o.blockParams), "<i>") }));
  assert.equal(bp, 2);
  assert.equal(render("{{#b}}{{/b}}", {}, hb({ b: () => "<i>" })), "<i>");
});

test("JS helpers override built-ins of the same name in that template only", () => {
  const helpers = { if: (v, o) => o.inverse(this), lookup: () => "mine" };
  assert.equal(render("{{#if true}}yes{{else}}no{{/if}} {{lookup a 'b'}}", { a: { b: 1 } }, hb(helpers)), "no mine");
  assert.equal(render("{{#if true}}yes{{else}}no{{/if}} {{lookup a 'b'}}", { a: { b: 1 } }, { dialect: "handlebars" }), "yes 1");
});

test("render data (Handlebars.js runtime option): @name, options.data with root and _parent, frames from options.fn", () => {
  const ctx = { n: "ctx", xs: ["a", "b"] };
  let seen;
  const helpers = {
    peek(options) {
      const d = options.data;
      seen = { adjective: d.adjective, root: d.root, parentIndex: d._parent && d._parent.index, index: d.index, topParent: d._parent._parent && d._parent._parent.adjective };
      return "";
    },
    let(options) {
      const frame = { ...options.data, _parent: options.data, ...options.hash };
      return options.fn(this, { data: frame });
    },
  };
  const t = new Template("{{@adjective}} {{@root.n}} {{#each xs}}{{#each ../xs}}{{peek}}{{@../index}}{{@index}}{{@adjective}} {{/each}}{{/each}}|{{#let a=1}}{{@a}}{{@adjective}}{{@../adjective}}{{/let}}", hb(helpers));
  assert.equal(t.render(ctx, { data: { adjective: "happy" } }), "happy ctx 00happy 01happy 10happy 11happy |1happyhappy");
  assert.deepEqual(seen, { adjective: "happy", root: ctx, parentIndex: 1, index: 1, topParent: "happy" });
  // Without data: options.data.root is the context object, as `this` at the root (Handlebars.js); @root reads it.
  let root;
  let self;
  assert.equal(new Template("{{@root.n}}{{r}}", hb({ r(o) { root = o.data.root; self = this; return ""; } })).render(ctx), "ctx");
  assert.equal(root, ctx);
  assert.equal(self, ctx);
  // `root` given in data wins over the context (Handlebars.js initData).
  assert.equal(new Template("{{@root.n}}", { dialect: "handlebars" }).render(ctx, { data: { root: { n: "given" } } }), "given");
  // A `__proto__` key in data stays data in every frame.
  let fr;
  new Template("{{#each xs}}{{f}}{{/each}}", hb({ f(o) { fr = o.data; return ""; } })).render(ctx, { data: JSON.parse('{"__proto__": {"polluted": 1}, "k": "v"}') });
  assert.equal(Object.getPrototypeOf(fr), Object.prototype);
  assert.deepEqual([Object.prototype.hasOwnProperty.call(fr, "__proto__"), fr.k, fr.index, fr._parent.root], [true, "v", 1, ctx]);
  assert.equal({}.polluted, undefined);
  // data: false/null/undefined: no data; other options are invalid.
  assert.equal(new Template("[{{@adjective}}]", { dialect: "handlebars" }).render(ctx, { data: false }), "[]");
  assert.deepEqual([thrown(() => t.render(ctx, { helpers: {} })).code, thrown(() => t.render(ctx, { helpers: {} })).path], ["invalid_option", "/helpers"]);
  assert.equal(thrown(() => t.render(ctx, { data: "x" })).code, "invalid_option");
  assert.equal(thrown(() => t.render(ctx, { data: { f: () => 1 } })).code, "invalid_json");
  // A frame holding something that is not JSON-like fails when read, not before.
  const bad = new Template("{{#let}}{{@f}}{{/let}}", hb({ let: (o) => o.fn(this, { data: { f: Symbol("s") } }) }));
  const e = thrown(() => bad.render({}));
  assert.deepEqual([e.code, e.line], ["helper_error", 1], e.message);
  assert.equal(new Template("{{#let}}[{{@g}}]{{/let}}", hb({ let: (o) => o.fn(this, { data: { f: Symbol("s") } }) })).render({}), "[]");
});

test("unknown helper names are still compile errors; a non-function helper is its value", () => {
  const e = thrown(() => new Template("{{nope 1}}", hb({ yes: () => 1 })));
  assert.deepEqual([e.code, e.line, e.column], ["template_syntax", 1, 3]);
  assert.equal(render("{{v}} {{#v}}x{{/v}} {{n}}", { v: "ctx" }, hb({ v: "<awesome>", n: 2 })), "&lt;awesome&gt; <awesome> 2");
  assert.equal(thrown(() => render("{{v}}", {}, hb({ v: { f() {} } }))).code, "helper_error");
  // An undefined entry is no helper (Handlebars.js GH-1639): the name stays unknown.
  assert.equal(thrown(() => new Template("{{foo 1}}", hb({ foo: undefined }))).code, "template_syntax");
  assert.equal(render("{{foo}}", { foo: "ctx" }, hb({ foo: undefined })), "ctx");
});

test("helperMissing and blockHelperMissing (Handlebars.js hooks) take names that are no helper", () => {
  const calls = [];
  const helpers = {
    helperMissing(...args) {
      const o = args.pop();
      calls.push([o.name, args, typeof o.fn]);
      return o.fn ? "{" + o.fn(this) + "}" : `<${o.name}:${args.join(",")}>`;
    },
    blockHelperMissing(value, o) {
      return `[${o.name}=${JSON.stringify(value)}:${value ? o.fn(value) : o.inverse(this)}]`;
    },
  };
  const t = new Template("{{here}} {{nope}} {{link_to x k=1}} {{up (nope2 x)}} {{#a.b}}{{c}}{{/a.b}} {{#gone}}x{{else}}y{{/gone}} {{^gone}}z{{/gone}} {{#blk x=1}}in{{/blk}}", hb({ ...helpers, up: (s) => s.toUpperCase() }));
  assert.equal(t.render({ here: "h", x: 5, a: { b: { c: "C" } } }), 'h &lt;nope:&gt; &lt;link_to:5&gt; &lt;NOPE2:5&gt; [a.b={"c":"C"}:C] [gone=undefined:y] [gone=undefined:z] {in}');
  assert.deepEqual(calls.map((c) => c[0]), ["nope", "link_to", "nope2", "blk"]);
  // Strict mode (missing: "error") never calls helperMissing for a value, as Handlebars.js.
  assert.equal(thrown(() => new Template("{{nope}}", hb(helpers, { missing: "error" })).render({})).code, "missing_variable");
  // Without them, a name with arguments that is no helper is still a compile error.
  assert.equal(thrown(() => new Template("{{nope 1}}", hb({ blockHelperMissing: helpers.blockHelperMissing }))).code, "template_syntax");
});

test("stringParams: path arguments arrive as names with options.types", () => {
  let seen;
  const helpers = {
    h(a, b, c, o) {
      seen = [a, b, c, o.types, o.hash, o.hashTypes];
      return "";
    },
    up: (s) => String(s).toUpperCase(),
  };
  render("{{#with x}}{{h ../a/b 'lit' (up n) k=1 p=y}}{{/with}}", { x: {} }, hb(helpers, { stringParams: true }));
  assert.deepEqual(seen, ["a.b", "lit", "N", ["PathExpression", "StringLiteral", "SubExpression"], { k: 1, p: "y" }, { k: "NumberLiteral", p: "PathExpression" }]);
});

test("functions in the context are called with this = the context (Handlebars.js); helpers get them as functions", () => {
  const ctx = {
    name: "Ada",
    greet() {
      return "Hi " + this.name;
    },
    loud: () => "<b>",
    safe: () => new SafeString("<i>"),
    yes() {
      return this.flag();
    },
    flag: () => true,
    list: () => [1, 2],
    false: () => "F",
    person: { first: "A", full() { return this.first + "!"; } },
  };
  const helpers = { kind: (f) => typeof f, twice: (v) => v + v };
  const out = render(
    "{{greet}} {{loud}} {{safe}} {{#if yes}}y{{/if}} {{#each list}}{{.}}{{/each}} {{kind greet}} {{twice (greet)}} {{twice (false)}} {{#with person}}{{full}}{{/with}} [{{trim greet}}]",
    ctx,
    hb(helpers, { dialect: "courier" }),
  );
  assert.equal(out, "Hi Ada &lt;b&gt; <i> y 12 function Hi AdaHi Ada FF A! [Hi Ada]");
  // Without JS helpers too, through Template#render and renderAll.
  assert.equal(new Template("{{greet}}", { dialect: "handlebars" }).render(ctx), "Hi Ada");
  // A function that throws or returns something that is not JSON-like.
  const e = thrown(() => render("\n {{bad}}", { bad() { throw new Error("nope"); } }, { dialect: "handlebars" }));
  assert.deepEqual([e.code, e.line, e.column, e.cause && e.cause.message], ["helper_error", 2, 4, "nope"]);
  assert.ok(e.message.includes("Function 'bad' threw: nope"), e.message);
  assert.equal(thrown(() => render("{{f}}", { f: () => () => 1 }, { dialect: "handlebars" })).code, "helper_error");
  // Data frames may hold functions too.
  const letf = (o) => o.fn(this, { data: { now: () => "NOW" } });
  assert.equal(render("{{#let}}{{@now}}{{/let}}", {}, hb({ let: letf })), "NOW");
});

test("a helper that throws: helper_error with line/column, message and cause; the template stays usable", () => {
  const cause = new TypeError("kaboom");
  const t = new Template("line\n  {{boom x}}", hb({ boom: (x) => { if (x) throw cause; return "fine"; } }));
  const e = thrown(() => t.render({ x: 1 }));
  assert.deepEqual([e.code, e.line, e.column], ["helper_error", 2, 5]);
  assert.ok(e.message.includes("Helper 'boom' threw: kaboom"), e.message);
  assert.equal(e.cause, cause);
  assert.equal(t.render({ x: 0 }), "line\n  fine");
  // An unrelated later error does not inherit the cause.
  const m = thrown(() => render("{{#if}}", {}, hb({ boom: () => 1 })));
  assert.equal(m.cause, undefined);
});

test("an error inside options.fn propagates unchanged through the helper", () => {
  const t = new Template("{{#wrap}}\n{{nope}}{{/wrap}}", hb({ wrap: (o) => o.fn({}) }, { missing: "error" }));
  const e = thrown(() => t.render({}));
  assert.deepEqual([e.code, e.line, e.column], ["missing_variable", 2, 3]);
  // A helper may catch it and carry on.
  const c = new Template("{{#wrap}}{{nope}}{{/wrap}}", hb({ wrap: (o) => { try { return o.fn({}); } catch (err) { return "caught " + err.code; } } }, { missing: "error" }));
  assert.equal(c.render({}), "caught missing_variable");
});

test("return values must be JSON-like: functions, Symbol, BigInt, cycles are helper errors", () => {
  const cyc = {};
  cyc.self = cyc;
  for (const [value, what] of [[() => 1, "function"], [Symbol("s"), "Symbol"], [10n, "BigInt"], [{ a: [() => 1] }, "function"], [cyc, "deeper"]]) {
    const e = thrown(() => render("\n {{f}}", {}, hb({ f: () => value })));
    assert.deepEqual([e.code, e.line, e.column], ["helper_error", 2, 4], e.message);
    assert.ok(e.message.includes("Helper 'f' returned") && e.message.includes(what), e.message);
  }
});

test("recursion through options.fn deeper than the limit is limit_exceeded, not a stack overflow", () => {
  const helpers = { r: (o) => o.fn(this) };
  const t = new Template("{{#r}}{{> p}}{{/r}}", hb(helpers, { partials: { p: "{{#r}}{{> p}}{{/r}}" } }));
  assert.equal(thrown(() => t.render({})).code, "limit_exceeded");
  const deep = (n) => new Template("{{#r}}".repeat(n) + "x" + "{{/r}}".repeat(n), hb(helpers));
  assert.equal(deep(30).render({}), "x");
  assert.equal(thrown(() => deep(40).render({})).code, "limit_exceeded");
});

test("helpers get copies: __proto__ is data, mutation does not leak into the render", () => {
  const ctx = JSON.parse('{"a": {"__proto__": {"polluted": 1}, "n": 1}}');
  let proto;
  const helpers = {
    touch(a) {
      proto = Object.getPrototypeOf(a) === Object.prototype && Object.prototype.hasOwnProperty.call(a, "__proto__");
      a.n = 99;
      this.a = "gone";
      return "";
    },
  };
  assert.equal(render("{{touch a}}{{a.n}}", ctx, hb(helpers)), "1");
  assert.equal(proto, true);
  assert.equal({}.polluted, undefined);
});

test("options.fn kept past its helper throws instead of touching freed state", () => {
  let kept;
  render("{{#k}}x{{/k}}", {}, hb({ k: (o) => ((kept = o.fn), "") }));
  assert.throws(() => kept({}), (e) => e instanceof ProfileError && e.code === "helper_error");
});

test("a missing path argument arrives as undefined, null as null", () => {
  const helpers = { kind: (a, b) => `${a === undefined ? "undefined" : a}/${b === null ? "null" : b}` };
  assert.equal(render("{{kind nope.deep n}}", { n: null }, hb(helpers)), "undefined/null");
});

test("block params win over a JS helper of the same name", () => {
  const helpers = { value: () => "helper", goodbyes: (o) => o.fn({ value: "ctx" }, { blockParams: [1] }) };
  assert.equal(render("{{#goodbyes as |value|}}{{value}}{{/goodbyes}}{{value}}", {}, hb(helpers)), "1helper");
});

test("options.fn(this) renders the context itself: the helper's mutations of its copy are not read back", () => {
  const helpers = {
    wrap(options) {
      this.name = "changed";
      return options.fn(this) + "|" + options.fn({ name: "other" });
    },
  };
  assert.equal(render("{{#wrap}}{{name}}{{/wrap}}", { name: "orig" }, hb(helpers)), "orig|other");
});
