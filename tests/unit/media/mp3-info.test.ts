import { readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { mp3Duration } from "@/lib/media/mp3-info";
import { probeMedia } from "@/lib/media/probe";
import { runProcess } from "@/lib/media/run-process";
import { ffprobeBytes, scratchFolder } from "../../helpers/media";

const scratch = scratchFolder("mp3-info-test");
const file = scratch.file;
const ffmpeg = (args: string[]) => runProcess("ffmpeg", ["-nostdin", "-v", "error", "-y", ...args]);
const tone = (seconds: number, rate: number, out: string, extra: string[]) => ffmpeg(["-f", "lavfi", "-i", `sine=d=${seconds}:sample_rate=${rate}`, ...extra, "-f", "mp3", out]);
const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe("mp3Duration", () => {
  it("reads what ffprobe reads from the Xing/Info header, to the microsecond: CBR, VBR, MPEG-1, 2 and 2.5", async () => {
    await tone(1.234, 44100, file("speech.mp3"), ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", "-c:a", "libmp3lame", "-b:a", "64k"]);
    await tone(2.37, 22050, file("lsf.mp3"), ["-ac", "2", "-c:a", "libmp3lame", "-b:a", "32k"]);
    await tone(3.1, 48000, file("vbr.mp3"), ["-metadata", "title=A song", "-c:a", "libmp3lame", "-q:a", "4"]);
    await tone(2, 8000, file("mpeg25.mp3"), ["-c:a", "libmp3lame"]);
    for (const name of ["speech.mp3", "lsf.mp3", "vbr.mp3", "mpeg25.mp3"]) {
      const { duration } = await ffprobeBytes(await readFile(file(name)));
      expect(await mp3Duration(file(name)), name).toBe(duration);
    }
  });

  it("measures an MP3 without starting ffprobe", async () => {
    await tone(1.5, 44100, file("tone.mp3"), ["-c:a", "libmp3lame", "-b:a", "64k"]);
    process.env.PATH = "/nonexistent"; // no ffprobe to be found
    expect(await probeMedia(file("tone.mp3"))).toMatchObject({ format: "mp3", mimeType: "audio/mpeg", hasAudio: true, audioCodec: "mp3", duration: 1.541 });
  });

  it("leaves MP3s without a frame count, and other MPEG audio, to ffprobe", async () => {
    // Written to a pipe, ffmpeg cannot go back to fill the header in: ffprobe estimates from the bitrate.
    const { stdout } = await runProcess("sh", ["-c", "ffmpeg -nostdin -v error -f lavfi -i sine=d=3 -c:a libmp3lame -b:a 64k -f mp3 pipe:1 | base64 -w0"]);
    await writeFile(file("piped.mp3"), Buffer.from(stdout, "base64"));
    await ffmpeg(["-f", "lavfi", "-i", "sine=d=2", "-c:a", "mp2", "-f", "mp2", file("layer2.mp3")]);
    expect(await mp3Duration(file("piped.mp3"))).toBeUndefined();
    expect(await mp3Duration(file("layer2.mp3"))).toBeUndefined();
    expect(await probeMedia(file("piped.mp3"))).toMatchObject({ format: "mp3", audioCodec: "mp3", duration: 3.03 });
    expect(await probeMedia(file("layer2.mp3"))).toMatchObject({ format: "mp3", audioCodec: "mp2" });
  });
});
