import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { invalidInput } from "../../errors";
import { probeMedia } from "../../media/probe";

/**
 * The length of a client's audio in seconds, read from the file itself (shared by the avatar adapters). Run
 * before anything is sent, so audio longer than what was priced is refused before any vendor cost.
 */
export async function measureAudioSeconds(bytes: Buffer, workDir: string, field = "input.audio"): Promise<number> {
  const dir = await mkdtemp(path.join(workDir, "audio-"));
  try {
    const file = path.join(dir, "input");
    await writeFile(file, bytes);
    const seconds = (await probeMedia(file).catch(() => undefined))?.duration;
    if (!seconds || !(seconds > 0)) throw invalidInput(field, `${field} has no readable audio`);
    return seconds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
