/**
 * Chart spec → SVG (Vega-Lite compiled to Vega, rendered headless by Vega's SVG renderer) → PNG
 * (resvg, a Rust SVG renderer with prebuilt binaries in npm packages, no system libraries).
 * Fonts come from npm packages (Noto Sans; Noto Sans Arabic and Noto Sans SC only when a text
 * needs their glyphs), never from the system: a server may have no fonts, and resvg would then
 * silently draw no text. The libraries load on first use, so starting the bot does not pay for them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Zoom from the chart's CSS pixels to the PNG: sharp in Discord's preview, small enough to send. */
export const PNG_SCALE = 1.5;

function fontFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** The font files, by script. */
export const FONTS = {
  latin: [
    fontFile('@expo-google-fonts/noto-sans', '400Regular/NotoSans_400Regular.ttf'),
    fontFile('@expo-google-fonts/noto-sans', '700Bold/NotoSans_700Bold.ttf'),
  ],
  arabic: [fontFile('@expo-google-fonts/noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf')],
  cjk: [fontFile('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf')],
} as const;

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;

/** The font files needed to draw `texts`: Latin always, Arabic and CJK when a text has such glyphs. */
export function fontsFor(texts: readonly string[]): string[] {
  const files: string[] = [...FONTS.latin];
  if (texts.some((t) => ARABIC.test(t))) files.push(...FONTS.arabic);
  if (texts.some((t) => CJK.test(t))) files.push(...FONTS.cjk);
  return files;
}

export interface RenderedChart {
  png: Uint8Array;
  width: number;
  height: number;
  svg: string;
  /** Time spent compiling and drawing the SVG, and rasterising it (ms). */
  svgMs: number;
  pngMs: number;
}

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');
type ResvgModule = typeof import('@resvg/resvg-js');
let libs: Promise<[VegaModule, VegaLiteModule, ResvgModule]> | undefined;

function load(): Promise<[VegaModule, VegaLiteModule, ResvgModule]> {
  libs ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  return libs;
}

/** Vega-Lite spec → SVG text. */
export async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await load();
  const compiled = vegaLite.compile(spec as unknown as Parameters<VegaLiteModule['compile']>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG with the fonts `texts` need. */
export async function svgToPng(
  svg: string,
  texts: readonly string[],
  scale = PNG_SCALE,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const [, , resvg] = await load();
  const r = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: false, fontFiles: fontsFor(texts), defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans' },
  });
  const image = r.render();
  const png = image.asPng();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: image.width, height: image.height };
}

/** Renders a chart spec to PNG. */
export async function renderChart(spec: Record<string, unknown>, texts: readonly string[]): Promise<RenderedChart> {
  const t0 = performance.now();
  const svg = await specToSvg(spec);
  const t1 = performance.now();
  const { png, width, height } = await svgToPng(svg, texts);
  const t2 = performance.now();
  return { png, width, height, svg, svgMs: Math.round(t1 - t0), pngMs: Math.round(t2 - t1) };
}
