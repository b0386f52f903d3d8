// Bearer token from the Worker secret SANDBOX_TOKEN. Compared in constant
// time: both sides are hashed to 32 bytes first (timingSafeEqual needs equal
// lengths, and hashing hides the secret's length too). No secret configured
// means every request is refused: the sandbox never runs open by accident.

const encoder = new TextEncoder();

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** True when the request carries `Authorization: Bearer <SANDBOX_TOKEN>`. */
export async function checkToken(request, env) {
  const secret = env.SANDBOX_TOKEN;
  if (typeof secret !== "string" || secret === "") return false;
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer[ \t]+(.+)$/i.exec(header.trim());
  const given = m ? m[1].trim() : "";
  const [a, b] = await Promise.all([sha256(given), sha256(secret)]);
  return crypto.subtle.timingSafeEqual(a, b) && given !== "";
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * SuprSend's request signing, as its Node SDK sends it (`@suprsend/node-sdk`
 * src/signature.js): `Authorization: <workspace_key>:<signature>`, the
 * signature base64(HMAC-SHA256(workspace_secret, METHOD \n md5hex(body) \n
 * Content-Type \n Date \n path+query)). The sandbox's workspace secret is
 * SANDBOX_TOKEN (any workspace key). Compared in constant time like the token.
 */
export async function checkSuprsendSignature(request, env, url, bodyText) {
  const secret = env.SANDBOX_TOKEN;
  if (typeof secret !== "string" || secret === "") return false;
  const header = (request.headers.get("authorization") ?? "").trim();
  const colon = header.lastIndexOf(":");
  const date = request.headers.get("date");
  if (colon <= 0 || !date) return false;
  const given = header.slice(colon + 1);
  const md5 = bodyText === "" ? "" : hex(new Uint8Array(await crypto.subtle.digest("MD5", encoder.encode(bodyText))));
  const signed = [request.method.toUpperCase(), md5, request.headers.get("content-type") ?? "", date, url.pathname + url.search].join("\n");
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(signed)));
  const expected = btoa(String.fromCharCode(...mac));
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** A SuprSend SDK request: `Authorization: key:signature`, not a bearer token. */
export function isSuprsendSigned(request) {
  const header = (request.headers.get("authorization") ?? "").trim();
  return header !== "" && !/^bearer[ \t]/i.test(header) && header.includes(":");
}
