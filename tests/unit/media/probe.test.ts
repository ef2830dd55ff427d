import { stat, writeFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { runProcess } from "@/lib/media/run-process";
import { scratchFolder } from "../../helpers/media";

const scratch = scratchFolder("probe-test");
const file = scratch.file;
const ffmpeg = (args: string[]) => runProcess("ffmpeg", ["-nostdin", "-v", "error", "-y", ...args]);

describe("probeMedia", () => {
  it("measures PNG and JPEG with sharp", async () => {
    const img = sharp({ create: { width: 321, height: 123, channels: 3, background: "#336699" } });
    await writeFile(file("a.png"), await img.clone().png().toBuffer());
    // Misleading extension on purpose: the format comes from the bytes.
    await writeFile(file("b.png"), await img.clone().jpeg().toBuffer());
    const png = await probeMedia(file("a.png"));
    expect(png).toEqual({ format: "png", mimeType: "image/png", size: (await stat(file("a.png"))).size, width: 321, height: 123 });
    expect(await probeMedia(file("b.png"))).toMatchObject({ format: "jpeg", mimeType: "image/jpeg", width: 321, height: 123 });
  });

  it("reports the displayed size of an EXIF-rotated JPEG", async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#fff" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await writeFile(file("rot.jpg"), rotated);
    expect(await probeMedia(file("rot.jpg"))).toMatchObject({ width: 20, height: 40 });
  });

  it("measures WAV with ffprobe and MP3 from its Xing header", async () => {
    await ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1.5", "-f", "wav", file("tone.wav")]);
    await ffmpeg(["-i", file("tone.wav"), "-c:a", "libmp3lame", "-b:a", "64k", file("tone.mp3")]);
    const wav = await probeMedia(file("tone.wav"));
    expect(wav).toMatchObject({ format: "wav", mimeType: "audio/wav", hasAudio: true, duration: 1.5, audioCodec: "pcm_s16le" });
    expect(wav.width).toBeUndefined();
    const mp3 = await probeMedia(file("tone.mp3"));
    expect(mp3).toMatchObject({ format: "mp3", mimeType: "audio/mpeg", hasAudio: true, audioCodec: "mp3" });
    expect(Math.abs((mp3.duration ?? 0) - 1.5)).toBeLessThan(0.1);
  });

  it("measures an MP4 with and without audio", async () => {
    await ffmpeg([
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=160x90:rate=10:duration=1.2",
      "-f",
      "lavfi",
      "-i",
      "sine=duration=1.2",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      file("av.mp4"),
    ]);
    await ffmpeg(["-i", file("av.mp4"), "-an", "-c", "copy", file("v.mp4")]);
    const av = await probeMedia(file("av.mp4"));
    expect(av).toMatchObject({ format: "mp4", mimeType: "video/mp4", width: 160, height: 90, hasAudio: true, videoCodec: "h264", audioCodec: "aac" });
    expect(av.size).toBe((await stat(file("av.mp4"))).size);
    expect(Math.abs((av.duration ?? 0) - 1.2)).toBeLessThan(0.1);
    expect(Math.round((av.duration ?? 0) * 1000) / 1000).toBe(av.duration); // 3 decimals
    const v = await probeMedia(file("v.mp4"));
    expect(v).toMatchObject({ format: "mp4", hasAudio: false, videoCodec: "h264" });
    expect(v.audioCodec).toBeUndefined();
  });

  it("rejects files that are not media", async () => {
    await writeFile(file("junk.bin"), "definitely not media");
    await expect(probeMedia(file("junk.bin"))).rejects.toThrow();
    await expect(probeMedia(file("missing.png"))).rejects.toThrow();
  });
});
