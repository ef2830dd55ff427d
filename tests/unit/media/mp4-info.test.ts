import { readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { readMp4Info } from "@/lib/media/mp4-info";
import { probeMedia } from "@/lib/media/probe";
import { runProcess } from "@/lib/media/run-process";
import { ffprobeBytes, scratchFolder } from "../../helpers/media";

const scratch = scratchFolder("mp4-info-test");
const file = scratch.file;
const ffmpeg = (args: string[]) => runProcess("ffmpeg", ["-nostdin", "-v", "error", "-y", ...args]);
const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

/** An odd length on purpose: 29.97 fps video, and AAC at 22.05 kHz whose priming the edit list hides. */
async function talkingClip(out: string, extra: string[] = []): Promise<void> {
  await ffmpeg([
    ...["-f", "lavfi", "-i", "testsrc=s=162x90:r=30000/1001:d=1.7", "-f", "lavfi", "-i", "sine=d=2.05:sample_rate=22050"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k", ...extra, out],
  ]);
}

describe("readMp4Info", () => {
  it("reads what ffprobe reads: duration to the microsecond, size and codecs", async () => {
    await talkingClip(file("clip.mp4"), ["-movflags", "+faststart"]);
    const probe = await ffprobeBytes(await readFile(file("clip.mp4")));
    const info = await readMp4Info(file("clip.mp4"));
    expect(info).toEqual({ majorBrand: "isom", duration: probe.duration, video: { codec: "h264", width: 162, height: 90 }, audio: { codec: "aac" } });
  });

  it("measures an MP4 without starting ffprobe", async () => {
    await talkingClip(file("clip.mp4"));
    process.env.PATH = "/nonexistent"; // no ffprobe to be found
    expect(await probeMedia(file("clip.mp4"))).toMatchObject({ format: "mp4", width: 162, height: 90, hasAudio: true, videoCodec: "h264", audioCodec: "aac" });
  });

  it("tells a QuickTime movie and an audio-only M4A by their boxes", async () => {
    await talkingClip(file("clip.mp4"));
    await ffmpeg(["-i", file("clip.mp4"), "-c", "copy", file("clip.mov")]);
    await ffmpeg(["-i", file("clip.mp4"), "-vn", "-c", "copy", file("clip.m4a")]);
    process.env.PATH = "/nonexistent";
    expect(await probeMedia(file("clip.mov"))).toMatchObject({ format: "mov", mimeType: "video/quicktime", width: 162 });
    expect(await probeMedia(file("clip.m4a"))).toMatchObject({ format: "m4a", mimeType: "audio/mp4", hasAudio: true, audioCodec: "aac" });
  });

  it("leaves what it does not fully understand to ffprobe: fragmented files, unlisted codecs, damaged boxes", async () => {
    await ffmpeg(["-f", "lavfi", "-i", "testsrc=s=160x90:r=10:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "frag_keyframe+empty_moov", file("frag.mp4")]);
    await ffmpeg(["-f", "lavfi", "-i", "testsrc=s=160x90:r=10:d=1", "-c:v", "mpeg4", file("mpeg4.mp4")]);
    expect(await readMp4Info(file("frag.mp4"))).toBeUndefined();
    expect(await readMp4Info(file("mpeg4.mp4"))).toBeUndefined();
    expect(await probeMedia(file("frag.mp4"))).toMatchObject({ format: "mp4", duration: 2, width: 160, videoCodec: "h264" });
    expect(await probeMedia(file("mpeg4.mp4"))).toMatchObject({ format: "mp4", duration: 1, videoCodec: "mpeg4" });

    await talkingClip(file("clip.mp4"), ["-movflags", "+faststart"]);
    const bytes = await readFile(file("clip.mp4"));
    const moov = bytes.indexOf("moov", 0, "latin1");
    bytes.writeUInt32BE(bytes.length * 2, moov - 4); // a moov larger than the file
    await writeFile(file("cut.mp4"), bytes);
    expect(await readMp4Info(file("cut.mp4"))).toBeUndefined();
  });
});
