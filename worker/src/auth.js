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
