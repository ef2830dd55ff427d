import { open } from "node:fs/promises";

/** A file's first `bytes` bytes (fewer when it is shorter) and its whole length, from one open. */
export async function readFileHead(file: string, bytes: number): Promise<{ head: Buffer; size: number }> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(head, 0, bytes, 0);
    const { size } = await fh.stat();
    return { head: head.subarray(0, bytesRead), size };
  } finally {
    await fh.close();
  }
}
