/**
 * Where to go after signing in: only a place on this site. The value is parsed as a browser would parse it —
 * against an origin of ours — and kept only if the result is still on that origin. A prefix check is not enough:
 * browsers drop tabs and line breaks inside URLs, so "/\t/evil.example/" (sent as /%09/evil.example/) becomes the
 * protocol-relative "//evil.example/", and "/\evil.example" is read as "//evil.example" too. What is returned is
 * the parsed path, query and fragment — exactly what was checked, not the raw text.
 */
const OURS = "http://doitong.invalid";

export function safeCallbackUrl(raw: string | string[] | undefined, fallback = "/dashboard"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, OURS);
  } catch {
    return fallback;
  }
  if (url.origin !== OURS) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
