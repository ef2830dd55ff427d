// vitest globalSetup: one folder per test run where every test process and test server keeps the previews the
// sandbox and the vendor fakes render (DOITONG_PREVIEW_CACHE_DIR, lib/providers/sandbox/preview-media.ts). Each
// process has its own in-memory cache, and a run starts over a hundred of them asking for the same few clips,
// speeches and images. A folder the caller set (.ci/run, shared with Playwright's server) is used as it is and
// left to the caller.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function previewCache(): () => void {
  if (process.env.DOITONG_PREVIEW_CACHE_DIR) return () => {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-previews-"));
  process.env.DOITONG_PREVIEW_CACHE_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
