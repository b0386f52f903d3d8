// Runs one prototype-pollution payload (tests/js/proto_pollution.json)
// against a profile-preview API object and lists what went wrong. Shared by
// pollution.test.mjs in Node and tests/workerd/pollution_worker.js in workerd.

const PROTOS = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

function snapshot() {
  return PROTOS.map((p) => Object.getOwnPropertyNames(p).sort().join(","));
}

// Every object in `v` must be a plain object or array with the normal
// prototype: a `__proto__` key is an own data property, never a prototype.
function checkShape(v, path, problems) {
  if (v === null || typeof v !== "object") return;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
    problems.push(`result${path} has a foreign prototype`);
    return;
  }
  for (const k of Object.keys(v)) checkShape(v[k], `${path}/${k}`, problems);
}

function pick(v, path) {
  for (const k of path) v = v == null ? undefined : Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined;
  return v;
}

/** Problems found running payload `p` with `api` (empty: safe and as expected). */
export function runPayload(api, p) {
  const problems = [];
  const before = snapshot();
  let result;
  let error;
  try {
    result = api[p.fn](...p.args);
  } catch (e) {
    error = e;
  }
  if (snapshot().join("|") !== before.join("|")) problems.push("a built-in prototype gained or lost a property");
  if ({}.polluted !== undefined || [].polluted !== undefined || "".polluted !== undefined) {
    problems.push("Object.prototype.polluted is set");
  }
  if (error && !(error instanceof api.ProfileError)) problems.push(`threw a non-ProfileError: ${error}`);
  const want = p.expect;
  if ("throws" in want) {
    if (!error) problems.push(`expected a ProfileError ${want.throws}, got ${JSON.stringify(result)}`);
    else if (error.code !== want.throws) problems.push(`expected error code ${want.throws}, got ${error.code}: ${error.message}`);
  } else if (error) {
    problems.push(`unexpected error ${error.code}: ${error.message}`);
  } else {
    checkShape(result, "", problems);
    const got = want.path ? pick(result, want.path) : result;
    if (JSON.stringify(got) !== JSON.stringify(want.result)) {
      problems.push(`result${want.path ? "/" + want.path.join("/") : ""} is ${JSON.stringify(got)}, expected ${JSON.stringify(want.result)}`);
    }
  }
  return problems;
}
