import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { runProcess } from "@/lib/media/run-process";
import { wavDuration, wavDurationFromHeader } from "@/lib/media/wav-duration";
import { scratchFolder } from "../../helpers/media";

const scratch = scratchFolder("wav-test");
const file = scratch.file;

describe("wavDuration", () => {
  it("reads the length of espeak-ng's speech from its header, as ffprobe measures it", async () => {
    await runProcess("espeak-ng", ["-v", "en-us", "-w", file("speech.wav"), "--stdin"], { input: "The header says how long this is." });
    const seconds = await wavDuration(file("speech.wav"));
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBe((await probeMedia(file("speech.wav"))).duration);
  });

  it("skips chunks before the samples (LIST metadata, as ffmpeg writes)", async () => {
    await runProcess("ffmpeg", [
      "-nostdin",
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "sine=d=1.5:sample_rate=48000",
      "-metadata",
      "title=t",
      "-c:a",
      "pcm_s16le",
      file("tagged.wav"),
    ]);
    const bytes = await readFile(file("tagged.wav"));
    expect(bytes.includes("LIST")).toBe(true);
    expect(await wavDuration(file("tagged.wav"))).toBe(1.5);
  });

  it("gives undefined for what is not a WAV, or a WAV with no samples chunk", async () => {
    await writeFile(file("not.wav"), "RIFF....AVI LIST");
    expect(await wavDuration(file("not.wav"))).toBeUndefined();
    const header = Buffer.alloc(36);
    header.write("RIFF", 0, "latin1");
    header.write("WAVE", 8, "latin1");
    header.write("fmt ", 12, "latin1");
    header.writeUInt32LE(16, 16);
    header.writeUInt32LE(44_100, 28);
    expect(wavDurationFromHeader(header, header.length)).toBeUndefined();
  });

  it("counts only the samples that are there when the header claims more (a cut-off file)", () => {
    const header = Buffer.alloc(44);
    header.write("RIFF", 0, "latin1");
    header.write("WAVE", 8, "latin1");
    header.write("fmt ", 12, "latin1");
    header.writeUInt32LE(16, 16);
    header.writeUInt32LE(1000, 28); // bytes per second
    header.write("data", 36, "latin1");
    header.writeUInt32LE(0xffffffff, 40);
    expect(wavDurationFromHeader(header, 44 + 500)).toBe(0.5);
  });
});
