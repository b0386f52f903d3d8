// Page state: kept in localStorage across reloads, and shareable as a URL
// fragment `#state=<base64url of the JSON>` (the fragment wins on load).

import { PLATFORMS, METHODS, DIALECTS } from "./samples.js";

const STORAGE_KEY = "profile-preview:state:v1";
const TEXT_FIELDS = ["userId", "stored", "body", "template", "data", "paste"];
const MISSING = ["empty", "keep", "error"];

/** Keep only known fields of the right type; null when nothing usable. */
export function sanitize(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const out = {};
  if (PLATFORMS.includes(raw.platform)) out.platform = raw.platform;
  if (METHODS.includes(raw.method)) out.method = raw.method;
  if (MISSING.includes(raw.missing)) out.missing = raw.missing;
  if (DIALECTS.includes(raw.dialect)) out.dialect = raw.dialect;
  for (const k of TEXT_FIELDS) if (typeof raw[k] === "string") out[k] = raw[k];
  return Object.keys(out).length ? out : null;
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** `#state=...` fragment for a state. */
export function encodeFragment(state) {
  return "#state=" + toBase64Url(JSON.stringify(state));
}

/**
 * The state in a fragment: {state} when the fragment holds one, {error}
 * when it is `#state=` but unreadable, null when it is something else.
 */
export function decodeFragment(hash) {
  const m = /^#?state=(.*)$/s.exec(hash || "");
  if (!m) return null;
  try {
    const state = sanitize(JSON.parse(fromBase64Url(decodeURIComponent(m[1]))));
    return state ? { state } : { error: "the link holds no page state" };
  } catch (e) {
    return { error: `the link's state could not be read (${e.message})` };
  }
}

/** The state saved in localStorage, or null. */
export function loadStored() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? sanitize(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/** Save to localStorage; false when storage is unavailable or full. */
export function saveStored(state) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

/** Forget the saved state. */
export function clearStored() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable */
  }
}

/** A link to this page that restores `state`. */
export function shareUrl(state, loc = location) {
  return loc.origin + loc.pathname + loc.search + encodeFragment(state);
}
