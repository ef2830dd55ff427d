import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { bucket, presignedGet } from "./bucket";
import { verifyMediaSignature } from "./index";
import { openStream } from "./streams";
import { processSlot } from "../process-singleton";

/**
 * Our own links read back as inputs: a signed /media link (an upload handed to an adapter, or a result a client
 * chains into its next generation) or a presigned GET of our bucket. They are read from storage, not fetched as a
 * stranger's URL would be — this server's own address is usually loopback or private, which the public-URL guard
 * rightly refuses. Undefined for any other URL; "gone" for one of ours whose file no longer exists or whose link
 * has expired.
 */
export async function openOwnUrl(uri: string): Promise<Readable | "gone" | undefined> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const media = /\/media\/(.+)$/.exec(url.pathname);
  if (media) {
    const key = media[1].split("/").map(decodeURIComponent).join("/");
    if (!verifyMediaSignature(key, url.searchParams.get("expires"), url.searchParams.get("sig"))) return undefined;
    return (await openStream(key)) ?? "gone";
  }
  if (!(await isBucketUrl(url))) return undefined;
  // A presigned URL authorises itself: the bucket checks it, exactly as it would for a vendor. It goes only to the
  // bucket's own configured endpoint, never to a host a client chose.
  const res = await fetch(url, { signal: AbortSignal.timeout(10 * 60_000) });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return "gone";
  }
  return Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
}

const bucketBase = processSlot<{ origin: string; path: string }>("bucket-base");

/** Whether the URL is on our bucket's endpoint, under its bucket and prefix (the shape presignedGet makes). */
async function isBucketUrl(url: URL): Promise<boolean> {
  const b = bucket();
  if (!b) return false;
  let base = bucketBase.get();
  if (!base) {
    const probe = new URL(await presignedGet(b, "probe", 60));
    bucketBase.set((base = { origin: probe.origin, path: probe.pathname.slice(0, -"probe".length) }));
  }
  return url.origin === base.origin && url.pathname.startsWith(base.path) && url.searchParams.has("X-Amz-Signature");
}
