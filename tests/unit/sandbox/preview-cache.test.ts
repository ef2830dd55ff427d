import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "@/lib/env";

// DOITONG_PREVIEW_CACHE_DIR: a preview one process rendered is read back by the next instead of rendered again
// (lib/providers/sandbox/preview-media.ts). "The next process" is a fresh copy of the module: its in-memory cache
// is empty, as a new server's is.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-previews-"));
const previous = process.env.DOITONG_PREVIEW_CACHE_DIR;
afterAll(() => {
  process.env.DOITONG_PREVIEW_CACHE_DIR = previous;
  reloadEnv();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function freshProcess() {
  vi.resetModules();
  return import("@/lib/providers/sandbox/preview-media");
}

describe("previews kept in a folder that processes share", () => {
  it("a second process reads what the first rendered, and renders what nobody has", async () => {
    process.env.DOITONG_PREVIEW_CACHE_DIR = dir;
    reloadEnv();
    const first = await (await freshProcess()).renderPreview({ kind: "image", prompt: "A lighthouse", width: 64, height: 48 });
    expect(first.contentType).toBe("image/png");
    const kept = fs.readdirSync(dir);
    expect(kept).toHaveLength(1); // written whole and renamed: no partial file left beside it
    expect(fs.readFileSync(path.join(dir, kept[0]))).toEqual(first.bytes);

    // What the folder holds is what the next process answers: mark the kept file and ask again from a new module.
    const marked = Buffer.concat([first.bytes, Buffer.from("kept")]);
    fs.writeFileSync(path.join(dir, kept[0]), marked);
    const second = await (await freshProcess()).renderPreview({ kind: "image", prompt: "A lighthouse", width: 64, height: 48 });
    expect(second.bytes).toEqual(marked);
    expect(second.contentType).toBe("image/png");

    // Anything that decides the bytes (here the format) is another preview, rendered and kept beside the first.
    const jpeg = await (await freshProcess()).renderPreview({ kind: "image", prompt: "A lighthouse", width: 64, height: 48, format: "jpeg" });
    expect(jpeg.contentType).toBe("image/jpeg");
    expect(jpeg.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it("without the setting, a preview is rendered and not kept in the folder the setting named before", async () => {
    delete process.env.DOITONG_PREVIEW_CACHE_DIR;
    reloadEnv();
    const before = fs.readdirSync(dir).length;
    const made = await (await freshProcess()).renderPreview({ kind: "image", prompt: "Uncached", width: 32, height: 32 });
    expect(made.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(fs.readdirSync(dir)).toHaveLength(before);
  });
});
