import { mkdtemp, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { renderAvatar } from "@/lib/providers/local/render-avatar";
import { escapeXml, renderImage, seededRandom, wrapText } from "@/lib/providers/local/render-image";
import { LOCAL_VOICES, renderSpeech } from "@/lib/providers/local/render-speech";
import { renderVideo } from "@/lib/providers/local/render-video";
import { scratchFolder } from "../../helpers/media";

// Real sharp, espeak-ng and ffmpeg; sizes kept small so the file runs in a few seconds.
const scratch = scratchFolder("render-test");
const out = scratch.file;

/** Live processes whose command line mentions `needle` (e.g. our temp dir). */
async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

describe("renderImage", () => {
  const base = { prompt: `A fox & a "crow" <in> the snow`, width: 320, height: 200, seed: 42 } as const;

  it("renders PNG and JPEG of exactly the asked size", async () => {
    const png = await renderImage({ ...base, format: "png" });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 320, height: 200 });
    const jpeg = await renderImage({ ...base, format: "jpeg", width: 123, height: 77 });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: "jpeg", width: 123, height: 77 });
  });

  it("is byte-identical for the same inputs and differs by seed, prompt and style", async () => {
    for (const format of ["png", "jpeg"] as const) {
      const [a, b, seed, prompt, style] = await Promise.all([
        renderImage({ ...base, format }),
        renderImage({ ...base, format }),
        renderImage({ ...base, format, seed: 43 }),
        renderImage({ ...base, format, prompt: "another prompt" }),
        renderImage({ ...base, format, style: "neon" }),
      ]);
      expect(a.equals(b)).toBe(true);
      for (const other of [seed, prompt, style]) expect(a.equals(other)).toBe(false);
    }
  });

  it("survives hostile and very long prompts", async () => {
    const nasty = `</text><script>alert(1)</script>\u0000\u0007 ${"Pneumonoultramicroscopicsilicovolcanoconiosis ".repeat(40)}`;
    const png = await renderImage({ prompt: nasty, width: 64, height: 64, seed: -5.5, format: "png" });
    expect(await sharp(png).metadata()).toMatchObject({ width: 64, height: 64 });
    await expect(renderImage({ ...base, width: 0, format: "png" })).rejects.toThrow(RangeError);
  });

  it("has helpers that behave", () => {
    const r1 = seededRandom(7),
      r2 = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 5 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(wrapText("one two three four", 200, 10, 3)).toEqual(["one two three four"]);
    const lines = wrapText("one two three four five six seven eight nine ten", 60, 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/…$/);
    expect(wrapText("Supercalifragilistic", 40, 10, 5).length).toBeGreaterThan(1); // long words are split
  });
});

describe("renderSpeech", () => {
  const duration = async (file: string) => (await probeMedia(file)).duration ?? 0;

  it("writes MP3 and WAV whose duration grows with text and shrinks with speed", async () => {
    const short = "Hello there.";
    const long = "Hello there. This sentence is quite a bit longer, so it takes longer to say.";
    await Promise.all([
      renderSpeech({ text: short, voice: "rachel", speed: 1, format: "mp3", outFile: out("short.mp3") }),
      renderSpeech({ text: long, voice: "rachel", speed: 1, format: "mp3", outFile: out("long.mp3") }),
      renderSpeech({ text: long, voice: "rachel", speed: 2, format: "mp3", outFile: out("fast.mp3") }),
      renderSpeech({ text: long, voice: "professional_female", speed: 1, format: "wav", outFile: out("long.wav") }),
    ]);
    const mp3 = await probeMedia(out("long.mp3"));
    expect(mp3).toMatchObject({ format: "mp3", mimeType: "audio/mpeg", audioCodec: "mp3", hasAudio: true });
    const wav = await probeMedia(out("long.wav"));
    expect(wav).toMatchObject({ format: "wav", mimeType: "audio/wav", hasAudio: true });
    expect((await readFile(out("long.wav"))).subarray(0, 4).toString()).toBe("RIFF");
    const [s, l, f, w] = await Promise.all(["short.mp3", "long.mp3", "fast.mp3", "long.wav"].map((n) => duration(out(n))));
    expect(s).toBeGreaterThan(0.3);
    expect(l).toBeGreaterThan(s * 2);
    expect(f).toBeLessThan(l * 0.7);
    expect(w).toBeGreaterThan(s * 2);
    expect((await readdir(scratch.dir())).filter((n) => n.endsWith(".partial"))).toEqual([]);
  });

  it("accepts every listed voice, and the named variants sound different", async () => {
    expect(LOCAL_VOICES).toHaveProperty("rachel");
    expect(LOCAL_VOICES).toHaveProperty("professional_female");
    const names = Object.keys(LOCAL_VOICES);
    await Promise.all(names.map((v) => renderSpeech({ text: "One two three", voice: v, speed: 1, format: "wav", outFile: out(`v-${v}.wav`) })));
    const bytes = await Promise.all(names.map((v) => readFile(out(`v-${v}.wav`))));
    bytes.forEach((b, i) => expect(b.length, names[i]).toBeGreaterThan(10_000));
    const of = (v: string) => bytes[names.indexOf(v)];
    expect(of("rachel").equals(of("en-us"))).toBe(false);
    expect(of("professional_male").equals(of("en-gb"))).toBe(false);
  });

  it("speaks shell metacharacters and leading dashes as text, and validates input", async () => {
    await renderSpeech({ text: "--help $(rm -rf /) `id`; -v xx", voice: "en-us", speed: 1, format: "wav", outFile: out("meta.wav") });
    expect(await duration(out("meta.wav"))).toBeGreaterThan(0.5);
    const ok = { text: "hi", voice: "en-us", speed: 1, format: "wav", outFile: out("x.wav") } as const;
    await expect(renderSpeech({ ...ok, voice: "nope" })).rejects.toThrow(/unknown local voice/);
    await expect(renderSpeech({ ...ok, speed: 3 })).rejects.toThrow(RangeError);
    await expect(renderSpeech({ ...ok, text: "   " })).rejects.toThrow(RangeError);
  });
});

describe("renderVideo", () => {
  it("renders an H.264 MP4 of the exact size and duration, reporting progress", async () => {
    const progress: number[] = [];
    const file = out("clip.mp4");
    await renderVideo({ prompt: "A lighthouse in a storm", width: 640, height: 360, duration: 2, fps: 24, seed: 1, outFile: file, onProgress: (p) => progress.push(p) });
    const info = await probeMedia(file);
    expect(info).toMatchObject({ format: "mp4", mimeType: "video/mp4", width: 640, height: 360, videoCodec: "h264", hasAudio: false });
    expect(Math.abs((info.duration ?? 0) - 2)).toBeLessThanOrEqual(0.1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    progress.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(progress[i]));
    expect(progress.at(-1)).toBeGreaterThan(0.95);
    // +faststart: the moov atom precedes mdat
    const head = (await readFile(file)).toString("latin1");
    expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat"));
  });

  it("crossfades longer clips and honours fractional durations", async () => {
    const file = out("xfade.mp4");
    await renderVideo({ prompt: "Fractional", width: 160, height: 90, duration: 3.3, fps: 10, seed: 5, style: "pastel", outFile: file });
    const info = await probeMedia(file);
    expect([info.width, info.height]).toEqual([160, 90]);
    expect(Math.abs((info.duration ?? 0) - 3.3)).toBeLessThanOrEqual(0.1);
    await expect(renderVideo({ prompt: "odd", width: 161, height: 90, duration: 1, fps: 10, seed: 1, outFile: out("odd.mp4") })).rejects.toThrow(RangeError);
  });

  it("at a pace (DOITONG_LOCAL_RENDER_PACE) takes at least duration ÷ pace, for the same clip", async () => {
    const file = out("paced.mp4");
    const started = Date.now();
    await renderVideo({ prompt: "Paced", width: 160, height: 90, duration: 2, fps: 10, pace: 4, seed: 2, outFile: file });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450); // 2 s of video at 4× real time
    const info = await probeMedia(file);
    expect([info.width, info.height]).toEqual([160, 90]);
    expect(Math.abs((info.duration ?? 0) - 2)).toBeLessThanOrEqual(0.1);
  });

  it("aborts mid-render with AbortError, leaving no ffmpeg process or output", async () => {
    const sub = await mkdtemp(path.join(scratch.dir(), "abort-"));
    const file = path.join(sub, "aborted.mp4");
    const ac = new AbortController();
    const started = Date.now();
    const run = renderVideo({
      prompt: "Never finished",
      width: 640,
      height: 360,
      duration: 60,
      fps: 30,
      seed: 9,
      outFile: file,
      signal: ac.signal,
      onProgress: (p) => {
        if (p > 0) ac.abort();
      },
    });
    const err = await run.catch((e: Error) => e);
    expect((err as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await processesMentioning(sub)).toEqual([]);
    expect(await readdir(sub)).toEqual([]);
  });
});

describe("renderAvatar", () => {
  it("renders video + AAC audio lasting as long as the speech", async () => {
    const text = "Hello, I'm your AI assistant.";
    await renderSpeech({ text, voice: "professional_female", speed: 1, format: "wav", outFile: out("avatar-speech.wav") });
    const speech = (await probeMedia(out("avatar-speech.wav"))).duration ?? 0;
    const progress: number[] = [];
    await renderAvatar({ text, voice: "professional_female", speed: 1, width: 256, height: 256, seed: 3, outFile: out("avatar.mp4"), onProgress: (p) => progress.push(p) });
    const info = await probeMedia(out("avatar.mp4"));
    expect(info).toMatchObject({ format: "mp4", width: 256, height: 256, hasAudio: true, videoCodec: "h264", audioCodec: "aac" });
    expect(Math.abs((info.duration ?? 0) - speech)).toBeLessThan(0.15);
    expect(progress.at(-1)).toBe(1);
  });

  it("uses a supplied portrait, cropped to cover", async () => {
    const portrait = await sharp({ create: { width: 300, height: 500, channels: 3, background: "#c08040" } })
      .png()
      .toBuffer();
    await renderAvatar({ text: "Short.", voice: "adam", speed: 1.5, width: 320, height: 180, seed: 1, image: portrait, outFile: out("avatar2.mp4") });
    expect(await probeMedia(out("avatar2.mp4"))).toMatchObject({ width: 320, height: 180, hasAudio: true });
  });

  it("aborts with AbortError and cleans up", async () => {
    const sub = await mkdtemp(path.join(scratch.dir(), "abort-avatar-"));
    const ac = new AbortController();
    const run = renderAvatar({
      text: "This is a long speech. ".repeat(60),
      voice: "en-us",
      speed: 1,
      width: 640,
      height: 360,
      seed: 2,
      outFile: path.join(sub, "a.mp4"),
      signal: ac.signal,
      onProgress: (p) => {
        if (p > 0) ac.abort();
      },
    });
    expect(((await run.catch((e: Error) => e)) as Error).name).toBe("AbortError");
    expect(await processesMentioning(sub)).toEqual([]);
    expect(await readdir(sub)).toEqual([]);
  });
});
