import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { assertPublicUrl } from "@/lib/net/assert-public-url";
import { fetchPublicUrl } from "@/lib/net/fetch-public-url";
import { isAllowedAddress } from "@/lib/net/public-address";
import { loadInput } from "@/lib/providers/http/load-input";

let server: http.Server;
let port: number;
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#f00" } })
    .png()
    .toBuffer();
  server = http.createServer((req, res) => {
    if (req.url === "/image.png") return res.writeHead(200, { "content-type": "image/png" }).end(png);
    if (req.url === "/to-loopback-v6") return res.writeHead(302, { location: `http://[::1]:${port}/image.png` }).end();
    if (req.url === "/big") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(30 * 1024 ** 2));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  delete process.env.DOITONG_ALLOWED_PRIVATE_HOSTS;
  reloadEnv();
});

describe("which addresses we call on a client's behalf", () => {
  it.each([
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.10", false],
    ["169.254.169.254", false], // cloud metadata
    ["100.64.0.1", false], // carrier-grade NAT
    ["0.0.0.0", false],
    ["::1", false],
    ["::ffff:127.0.0.1", false], // IPv4-mapped loopback
    ["fd00::1", false],
    ["fe80::1", false],
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
  ])("%s → allowed: %s", (address, allowed) => {
    expect(isAllowedAddress(address)).toBe(allowed);
  });

  it("honours DOITONG_ALLOWED_PRIVATE_HOSTS by host name and by CIDR", () => {
    process.env.DOITONG_ALLOWED_PRIVATE_HOSTS = "receiver.internal, 10.0.0.0/8";
    reloadEnv(); // settings are read once; this test changes one between cases
    expect(isAllowedAddress("10.9.9.9")).toBe(true);
    expect(isAllowedAddress("192.168.0.1", "receiver.internal")).toBe(true);
    expect(isAllowedAddress("192.168.0.1", "other.internal")).toBe(false);
  });
});

describe("fetchPublicUrl and assertPublicUrl", () => {
  it("refuses loopback literals, localhost and non-http schemes with INVALID_INPUT naming the field", async () => {
    for (const url of [`http://127.0.0.1:${port}/image.png`, `http://localhost:${port}/image.png`, "http://[::1]/x", "file:///etc/passwd", "gopher://x"]) {
      await expect(fetchPublicUrl(url, { field: "input.image", maxBytes: 1e6 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "input.image" } });
    }
    await expect(assertPublicUrl("http://169.254.169.254/latest/meta-data", "webhookUrl")).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "webhookUrl" } });
    await expect(assertPublicUrl(`http://localhost:${port}/`, "webhookUrl")).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("fetches from an allow-listed host but re-checks every redirect hop", async () => {
    process.env.DOITONG_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
    reloadEnv(); // settings are read once; this test changes one between cases
    const ok = await fetchPublicUrl(`http://127.0.0.1:${port}/image.png`, { field: "input.image", maxBytes: 1e6 });
    expect(ok.bytes.equals(png)).toBe(true);
    await expect(fetchPublicUrl(`http://127.0.0.1:${port}/to-loopback-v6`, { field: "input.image", maxBytes: 1e6 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("private or local"),
    });
  });

  it("stops reading past the size limit", async () => {
    process.env.DOITONG_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
    reloadEnv(); // settings are read once; this test changes one between cases
    await expect(loadInput(`http://127.0.0.1:${port}/big`, "image", "input.image")).rejects.toMatchObject({ message: expect.stringContaining("larger than 20 MB") });
  });
});

describe("loadInput", () => {
  it("reads data: URIs and checks the real format from the bytes", async () => {
    const loaded = await loadInput(`data:image/jpeg;base64,${png.toString("base64")}`, "image", "input.image");
    expect(loaded.mimeType).toBe("image/png"); // the bytes win over the declared type
    await expect(loadInput(`data:image/png;base64,${Buffer.from("not an image at all").toString("base64")}`, "image", "input.image")).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "input.image" },
    });
    await expect(loadInput(`data:image/png;base64,${png.toString("base64")}`, "audio", "input.audio")).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
