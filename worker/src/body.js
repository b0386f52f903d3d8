// Request bodies are read with a hard cap, whether or not Content-Length is
// sent (a chunked body is counted as it streams; nothing past the cap is kept).

/** 1 MiB: larger bodies are answered 413 in the platform's error shape. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `{text}` (UTF-8, "" for no body) or `{tooLarge: true}`. */
export async function readBody(request) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return { tooLarge: true };
  if (!request.body) return { text: "" };
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Past the cap the rest is read and dropped, not kept: cancelling the
    // stream mid-upload leaves some clients waiting for their upload to end.
    if (size <= MAX_BODY_BYTES) chunks.push(value);
  }
  if (size > MAX_BODY_BYTES) return { tooLarge: true };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { text: new TextDecoder().decode(bytes) };
}
