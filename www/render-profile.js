// The resulting profile as pretty JSON, built from DOM nodes (never
// innerHTML), with the preview's changes marked: added entries green,
// changed ones amber with the old value struck out before the new one,
// removed ones (kept from the stored profile) struck out in red.

const escapeToken = (k) => k.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeToken = (t) => t.replace(/~1/g, "/").replace(/~0/g, "~");

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isContainer = (v) => v !== null && typeof v === "object";
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function scalar(value) {
  const kind = value === null ? "null" : typeof value;
  const cls = kind === "string" ? "str" : kind === "number" ? "num" : "lit";
  return el("span", cls, JSON.stringify(value));
}

/** One-line JSON, cut to `max` characters. */
export function compact(value, max = 60) {
  const text = JSON.stringify(value);
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** The value at JSON Pointer `path` in `doc`, or undefined. */
function at(doc, path) {
  if (path === "") return doc;
  let cur = doc;
  for (const token of path.slice(1).split("/").map(unescapeToken)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      cur = cur[Number(token)];
    } else if (isObject(cur) && hasOwn(cur, token)) {
      cur = cur[token];
    } else {
      return undefined;
    }
  }
  return cur;
}

/**
 * Fill `container` with `profile` and its `changes` marked. `stored` (the
 * profile before) only orders removed keys where they used to be.
 * Returns the number of {added, changed, removed} entries.
 */
export function renderProfile(container, profile, changes, stored) {
  const byPath = new Map();
  const removed = new Map(); // parent path -> [{key, old}]
  let rootRemoved;
  for (const c of changes || []) {
    if (c.op === "remove") {
      if (c.path === "") {
        rootRemoved = c;
        continue;
      }
      const i = c.path.lastIndexOf("/");
      const parent = c.path.slice(0, i);
      if (!removed.has(parent)) removed.set(parent, []);
      removed.get(parent).push({ key: unescapeToken(c.path.slice(i + 1)), old: c.old });
    } else {
      byPath.set(c.path, c);
    }
  }
  const counts = { added: 0, changed: 0, removed: 0 };

  // Keys of the object at `path`, with removed keys put back in their
  // stored order: [{key, value, gone}].
  function objectEntries(obj, path) {
    const list = Object.keys(obj).map((key) => ({ key, value: obj[key], gone: false }));
    const gone = removed.get(path);
    if (!gone) return list;
    const before = at(stored, path);
    const order = isObject(before) ? Object.keys(before) : [];
    for (const r of gone) {
      const entry = { key: r.key, value: r.old, gone: true };
      let idx = -1;
      for (let j = order.indexOf(r.key) - 1; j >= 0 && idx < 0; j--) {
        idx = list.findIndex((e) => e.key === order[j]);
      }
      if (order.indexOf(r.key) < 0) list.push(entry);
      else list.splice(idx + 1, 0, entry);
    }
    return list;
  }

  function arrayEntries(arr, path) {
    const list = arr.map((value) => ({ key: null, value, gone: false }));
    const gone = (removed.get(path) || []).slice().sort((a, b) => Number(a.key) - Number(b.key));
    for (const r of gone) list.push({ key: null, value: r.old, gone: true });
    return list;
  }

  // mode: "live" looks changes up; "added" / "removed" / "plain" mark
  // nothing below (the whole block already is).
  function entry(key, value, path, mode, last) {
    const div = el("div", "entry");
    div.dataset.path = path;
    let childMode = mode;
    let change;
    if (mode === "removed") {
      // marked by the caller on the block itself
    } else if (mode === "live" && (change = byPath.get(path))) {
      if (change.op === "add") {
        div.classList.add("added");
        div.title = "added";
        counts.added++;
        childMode = "plain";
      } else if (change.op === "replace") {
        div.classList.add("changed");
        div.title = "changed; was " + compact(change.old, 200);
        counts.changed++;
        childMode = "plain";
      }
    }
    if (key !== null) {
      div.append(el("span", "key", JSON.stringify(key)), ": ");
    }
    if (change && change.op === "replace") {
      const del = el("del", "old", compact(change.old));
      del.title = "old value: " + compact(change.old, 500);
      div.append(del, " ");
    }
    if (!isContainer(value)) {
      div.append(scalar(value));
    } else {
      const arr = Array.isArray(value);
      const items = childMode === "live" ? (arr ? arrayEntries(value, path) : objectEntries(value, path))
        : arr ? value.map((v) => ({ key: null, value: v, gone: false }))
        : Object.keys(value).map((k) => ({ key: k, value: value[k], gone: false }));
      const [open, close] = arr ? ["[", "]"] : ["{", "}"];
      if (items.length === 0) {
        div.append(el("span", "punct", open + close));
      } else {
        div.append(el("span", "punct", open));
        const kids = el("div", "children");
        items.forEach((item, i) => {
          const childPath = path + "/" + (arr ? String(i) : escapeToken(item.key));
          const isLast = i === items.length - 1;
          if (item.gone) {
            const gone = entry(arr ? null : item.key, item.value, childPath, "removed", isLast);
            gone.classList.add("removed");
            gone.title = "removed";
            counts.removed++;
            kids.append(gone);
          } else {
            kids.append(entry(arr ? null : item.key, item.value, childPath, childMode, isLast));
          }
        });
        div.append(kids, el("span", "punct", close));
      }
    }
    if (!last) div.append(el("span", "punct", ","));
    return div;
  }

  const root = el("div", "json");
  if (rootRemoved) {
    const gone = entry(null, rootRemoved.old, "", "removed", true);
    gone.classList.add("removed");
    gone.title = "deleted";
    counts.removed++;
    root.append(gone);
    if (profile !== null && profile !== undefined) root.append(entry(null, profile, "", "plain", true));
  } else {
    root.append(entry(null, profile === undefined ? null : profile, "", "live", true));
  }
  container.replaceChildren(root);
  return counts;
}
