import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runProcess } from "../../media/run-process";

/**
 * Veo 3 videos come with sound. The local preview renderer makes silent clips, so the fake adds a quiet tone as
 * an AAC track (the video stream is copied, so this takes a moment, not a re-encode).
 */
export async function withSoundtrack(video: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "doitong-veo-fake-"));
  try {
    const input = path.join(dir, "in.mp4");
    const output = path.join(dir, "out.mp4");
    await writeFile(input, video);
    await runProcess(
      "ffmpeg",
      [
        "-nostdin",
        "-hide_banner",
        "-v",
        "error",
        "-y",
        "-i",
        input,
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=220:sample_rate=48000",
        "-map",
        "0:v",
        "-map",
        "1:a",
        "-c:v",
        "copy",
        "-c:a",
        "aac",
        "-b:a",
        "48k",
        "-shortest",
        "-movflags",
        "+faststart",
        output,
      ],
      { timeoutMs: 60_000 },
    );
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
