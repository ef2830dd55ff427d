import sharp from "sharp";

export interface RenderImageOptions {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  format: "png" | "jpeg";
  style?: string;
  /** Draw the prompt caption and label (default true). Video renders them as a separate static overlay. */
  caption?: boolean;
}

/** mulberry32: tiny, fast, and identical on every platform, which is what determinism needs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units; only used to fold text into a PRNG seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Escape for SVG text, and drop characters XML 1.0 forbids (librsvg rejects the whole file otherwise). */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

// Approximate DejaVu Sans advance widths (in em) so wrapping needs no font measurement at runtime.
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80) return 1; // CJK, emoji: full width
  if (ch === " ") return 0.32;
  if ("il.,;:'!|ftjrI()[]".includes(ch)) return 0.36;
  if (/[A-Z@%&WMmw]/.test(ch)) return 0.74;
  return 0.62;
}
const textWidth = (s: string, fontSize: number) => [...s].reduce((w, c) => w + charWidth(c), 0) * fontSize;

/** Greedy word wrap; over-long words are split; overflow ends the last line with an ellipsis. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  const push = (l: string) => {
    if (l) lines.push(l);
  };
  for (let word of text.trim().split(/\s+/).filter(Boolean)) {
    while (textWidth(word, fontSize) > maxWidth && [...word].length > 1) {
      const chars = [...word];
      let n = 1;
      while (n < chars.length && textWidth(chars.slice(0, n + 1).join(""), fontSize) <= maxWidth) n++;
      push(line);
      line = "";
      push(chars.slice(0, n).join(""));
      word = chars.slice(n).join("");
    }
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) line = candidate;
    else {
      push(line);
      line = word;
    }
  }
  push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && textWidth(`${last}…`, fontSize) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

export interface Palette {
  hue: number;
  sat: number;
  light: number;
  darkBg: boolean;
}

/** Style keywords nudge the palette; anything unknown still changes the seed via the hash. */
export function paletteFor(rand: () => number, style = ""): Palette {
  const s = style.toLowerCase();
  const hue = Math.floor(rand() * 360);
  if (/noir|mono|black.?and.?white|grayscale|sketch/.test(s)) return { hue, sat: 0, light: 45, darkBg: true };
  if (/neon|cyber|synth|night|dark/.test(s)) return { hue, sat: 90, light: 55, darkBg: true };
  if (/pastel|watercolor|soft|minimal/.test(s)) return { hue, sat: 45, light: 78, darkBg: false };
  if (/cinematic|photo|realistic|film/.test(s)) return { hue: rand() < 0.5 ? 190 : 25, sat: 55, light: 45, darkBg: true };
  return { hue, sat: 55 + Math.floor(rand() * 30), light: 50 + Math.floor(rand() * 12), darkBg: rand() < 0.4 };
}

export const hsl = (h: number, s: number, l: number, a = 1) =>
  `hsla(${Math.round(((h % 360) + 360) % 360)},${Math.round(Math.min(100, Math.max(0, s)))}%,${Math.round(Math.min(96, Math.max(4, l)))}%,${a.toFixed(2)})`;
const f = (n: number) => n.toFixed(1);

/** Background artwork only: gradient sky, soft glows, layered hills, sparkles, vignette. */
function artworkSvg(w: number, h: number, rand: () => number, p: Palette): string {
  const shift = 30 + rand() * 150; // distance to the secondary hue: analogous to near-complementary
  const bgL = p.darkBg ? p.light - 35 : p.light + 15;
  const angle = rand() * 360;
  const defs: string[] = [
    `<linearGradient id="bg" gradientTransform="rotate(${f(angle)} .5 .5)">` +
      `<stop offset="0" stop-color="${hsl(p.hue, p.sat, bgL)}"/>` +
      `<stop offset=".55" stop-color="${hsl(p.hue + shift / 2, p.sat, bgL + 8)}"/>` +
      `<stop offset="1" stop-color="${hsl(p.hue + shift, p.sat, bgL - 6)}"/></linearGradient>`,
    `<radialGradient id="vig" cx=".5" cy=".5" r=".75"><stop offset=".55" stop-color="#000" stop-opacity="0"/>` +
      `<stop offset="1" stop-color="#000" stop-opacity="${p.darkBg ? 0.55 : 0.3}"/></radialGradient>`,
  ];
  const body: string[] = [`<rect width="${w}" height="${h}" fill="url(#bg)"/>`];
  const m = Math.min(w, h);
  // Soft glows: radial gradients fading to transparent look blurred without a costly blur filter.
  const glows = 4 + Math.floor(rand() * 5);
  for (let i = 0; i < glows; i++) {
    const c = hsl(p.hue + (rand() - 0.3) * shift * 1.5, p.sat && p.sat + 10, p.light + (rand() - 0.5) * 30);
    defs.push(
      `<radialGradient id="g${i}"><stop offset="0" stop-color="${c}" stop-opacity="${f(0.5 + rand() * 0.4)}"/><stop offset="1" stop-color="${c}" stop-opacity="0"/></radialGradient>`,
    );
    const r = m * (0.15 + rand() * 0.45);
    body.push(`<ellipse cx="${f(rand() * w)}" cy="${f(rand() * h * 0.8)}" rx="${f(r * (0.8 + rand() * 0.8))}" ry="${f(r)}" fill="url(#g${i})"/>`);
  }
  // Rings give a crisp focal element against the soft background.
  for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) {
    body.push(
      `<circle cx="${f(w * (0.2 + rand() * 0.6))}" cy="${f(h * (0.15 + rand() * 0.4))}" r="${f(m * (0.06 + rand() * 0.18))}" fill="none" stroke="${hsl(p.hue + shift, p.sat, 85, 0.5)}" stroke-width="${f(Math.max(1, m * 0.006))}"/>`,
    );
  }
  // Layered hills, back to front, getting darker: an easy sense of depth.
  for (let layer = 0; layer < 3; layer++) {
    const base = h * (0.55 + layer * 0.13 + rand() * 0.05);
    const amp = h * (0.05 + rand() * 0.07);
    const segs = 3 + Math.floor(rand() * 3);
    let d = `M0 ${f(base)}`;
    for (let sIdx = 1; sIdx <= segs; sIdx++) {
      const x1 = (w * sIdx) / segs,
        cx = x1 - w / segs / 2;
      const end = `${f(cx)} ${f(base - amp * (rand() * 2 - 1))} ${f(x1)} ${f(base + amp * (rand() - 0.5))}`;
      // "S" mirrors the previous control point, so the ridge stays smooth at every joint.
      d += sIdx === 1 ? ` C${f(cx / 2)} ${f(base - amp * (rand() * 2 - 1))} ${end}` : ` S${end}`;
    }
    d += ` L${w} ${h} L0 ${h} Z`;
    body.push(`<path d="${d}" fill="${hsl(p.hue + shift * (layer / 2), p.sat * 0.8, p.light - 12 - layer * 12, 0.85)}"/>`);
  }
  for (let i = 0, n = 12 + Math.floor(rand() * 24); i < n; i++) {
    body.push(
      `<circle cx="${f(rand() * w)}" cy="${f(rand() * h * 0.6)}" r="${f(Math.max(0.6, m * 0.004 * (0.5 + rand() * 1.5)))}" fill="#fff" fill-opacity="${f(0.3 + rand() * 0.6)}"/>`,
    );
  }
  body.push(`<rect width="${w}" height="${h}" fill="url(#vig)"/>`);
  return `<defs>${defs.join("")}</defs>${body.join("")}`;
}

/** Prompt caption box (bottom) and "Doitong local preview" label (top-left); `top` is the box's y. */
function captionLayout(text: string, w: number, h: number): { svg: string; top: number } {
  const fontSize = Math.round(Math.min(60, Math.max(10, Math.sqrt(w * h) * 0.036)));
  const lineH = Math.round(fontSize * 1.3);
  const margin = Math.round(Math.min(w, h) * 0.05);
  const pad = Math.round(fontSize * 0.6);
  const maxLines = Math.max(1, Math.min(4, Math.floor((h * 0.35) / lineH)));
  const lines = wrapText(text, w - 2 * margin - 2 * pad, fontSize, maxLines);
  const labelSize = Math.max(8, Math.round(fontSize * 0.55));
  const label = "Doitong local preview";
  const labelW = textWidth(label, labelSize) + labelSize * 1.2;
  const out = [
    `<g font-family="DejaVu Sans" fill="#fff">`,
    `<rect x="${margin}" y="${margin}" width="${f(labelW)}" height="${f(labelSize * 1.7)}" rx="${f(labelSize * 0.85)}" fill="#000" fill-opacity="0.45"/>`,
    `<text x="${f(margin + labelSize * 0.6)}" y="${f(margin + labelSize * 1.2)}" font-size="${labelSize}" fill-opacity="0.9">${label}</text>`,
  ];
  let top = h - margin;
  if (lines.length) {
    const boxH = lines.length * lineH + 2 * pad - (lineH - fontSize);
    top = h - margin - boxH;
    out.push(`<rect x="${margin}" y="${top}" width="${w - 2 * margin}" height="${boxH}" rx="${f(fontSize * 0.4)}" fill="#000" fill-opacity="0.55"/>`);
    lines.forEach((l, i) => {
      out.push(`<text x="${margin + pad}" y="${f(top + pad + fontSize * 0.85 + i * lineH)}" font-size="${fontSize}">${escapeXml(l)}</text>`);
    });
  }
  out.push(`</g>`);
  return { svg: out.join(""), top };
}

/** Where the caption box starts (px from the top), so callers can place things above it. */
export const captionTop = (text: string, w: number, h: number) => captionLayout(text, w, h).top;

export const svgDoc = (w: number, h: number, inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${inner}</svg>`;

export function assertSize(width: number, height: number, max = 8192): void {
  for (const [k, v] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(v) || v < 16 || v > max) throw new RangeError(`${k} must be an integer in 16..${max}, got ${v}`);
  }
}

/** Seed = request seed folded with prompt and style, so each changes the picture. */
export const artSeed = (seed: number, prompt: string, style = "") => (Math.trunc(seed) ^ hashString(`${prompt}\u0000${style}`)) >>> 0;

/**
 * Deterministic placeholder art: same options ⇒ byte-identical PNG/JPEG. sharp strips all
 * metadata by default and neither encoder writes timestamps, so nothing varies run to run.
 */
export async function renderImage(opts: RenderImageOptions): Promise<Buffer> {
  const { prompt, width: w, height: h, seed, format, style, caption = true } = opts;
  assertSize(w, h);
  const rand = seededRandom(artSeed(seed, prompt, style));
  const inner = artworkSvg(w, h, rand, paletteFor(rand, style)) + (caption ? captionLayout(prompt, w, h).svg : "");
  const img = sharp(Buffer.from(svgDoc(w, h, inner))).removeAlpha();
  return format === "png" ? img.png({ compressionLevel: 6 }).toBuffer() : img.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

/** Transparent PNG with only the caption and label, for compositing over moving footage. */
export function renderCaptionOverlay(opts: { text: string; width: number; height: number }): Promise<Buffer> {
  assertSize(opts.width, opts.height);
  return sharp(Buffer.from(svgDoc(opts.width, opts.height, captionLayout(opts.text, opts.width, opts.height).svg)))
    .png()
    .toBuffer();
}
