/**
 * Rasterises a Layout page through SVG (librsvg, system fonts) and degrades it the way phone
 * photos and cheap scans are degraded: rotation, blur, downscaling, gaussian noise, JPEG
 * compression. Noise comes from the document's seeded PRNG so images are reproducible.
 */
import sharp from 'sharp';
import type { FontFamily, LayoutPage } from './layout';
import type { Random } from './random';

export type FontSet = 'liberation' | 'dejavu';

export interface ImageOptions {
  format: 'png' | 'jpeg';
  /** JPEG quality, 1–100. */
  quality?: number;
  /** Pixels per PDF point before any downscale (2 is 144 dpi). */
  pxPerPt: number;
  fontSet: FontSet;
  paper?: string;
  ink?: string;
  /** Degrees, positive is clockwise. */
  rotate?: number;
  /** Gaussian blur sigma in pixels. */
  blur?: number;
  /** Gaussian noise standard deviation in grey levels (0–255). */
  noise?: number;
  /** Final size as a fraction of the rendered size, e.g. 0.6. */
  downscale?: number;
  grayscale?: boolean;
}

const families: Record<FontSet, Record<FontFamily, string>> = {
  liberation: { mono: 'Liberation Mono', sans: 'Liberation Sans', serif: 'Liberation Serif' },
  dejavu: { mono: 'DejaVu Sans Mono', sans: 'DejaVu Sans', serif: 'DejaVu Serif' },
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function pageToSvg(page: LayoutPage, options: ImageOptions): string {
  const ink = options.ink ?? '#141418';
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(page.width * options.pxPerPt)}" height="${Math.round(page.height * options.pxPerPt)}" viewBox="0 0 ${page.width} ${page.height}">`,
    `<rect width="100%" height="100%" fill="${options.paper ?? '#ffffff'}"/>`,
  ];
  for (const item of page.items) {
    if (item.kind === 'rule') {
      const dash = item.dashed ? ' stroke-dasharray="3 2"' : '';
      parts.push(
        `<line x1="${item.x1}" y1="${item.y1}" x2="${item.x2}" y2="${item.y2}" stroke="${ink}" stroke-width="${item.width}"${dash}/>`,
      );
      continue;
    }
    const anchor = item.align === 'right' ? 'end' : item.align === 'center' ? 'middle' : 'start';
    parts.push(
      `<text x="${item.x}" y="${item.y}" font-family="${families[options.fontSet][item.font]}" font-size="${item.size}"` +
        ` font-weight="${item.bold ? 'bold' : 'normal'}" text-anchor="${anchor}" fill="${ink}" xml:space="preserve">${escapeXml(item.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

async function addNoise(image: sharp.Sharp, sigma: number, random: Random): Promise<sharp.Sharp> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) {
    const value = (data[i] ?? 0) + random.gaussian() * sigma;
    data[i] = Math.max(0, Math.min(255, Math.round(value)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/** Each step is materialised before the next because sharp reorders operations within one pipeline. */
export async function renderImage(page: LayoutPage, options: ImageOptions, random: Random): Promise<Buffer> {
  let image = sharp(Buffer.from(pageToSvg(page, options))).flatten({ background: options.paper ?? '#ffffff' });
  if (options.grayscale) image = image.grayscale();
  image = sharp(await image.png().toBuffer());
  if (options.rotate) {
    image = sharp(
      await image
        .rotate(options.rotate, { background: options.paper ?? '#ffffff' })
        .png()
        .toBuffer(),
    );
  }
  if (options.blur) image = sharp(await image.blur(options.blur).png().toBuffer());
  if (options.downscale) {
    const meta = await image.metadata();
    const width = Math.round((meta.width ?? 0) * options.downscale);
    image = sharp(await image.resize({ width, kernel: 'linear' }).png().toBuffer());
  }
  if (options.noise) image = await addNoise(image, options.noise, random);
  if (options.grayscale) image = image.toColourspace('b-w');
  return options.format === 'jpeg'
    ? image.jpeg({ quality: options.quality ?? 85, mozjpeg: false }).toBuffer()
    : image.png({ compressionLevel: 9 }).toBuffer();
}

/** A short human description of the degradations, for the truth file. */
export function describeImage(options: ImageOptions): string {
  const steps: string[] = [`${options.format.toUpperCase()} at ${Math.round(options.pxPerPt * 72 * (options.downscale ?? 1))} dpi`];
  if (options.rotate) steps.push(`rotated ${options.rotate}°`);
  if (options.blur) steps.push(`blur σ${options.blur}`);
  if (options.downscale) steps.push(`downscaled to ${Math.round(options.downscale * 100)}%`);
  if (options.noise) steps.push(`gaussian noise σ${options.noise}`);
  if (options.format === 'jpeg') steps.push(`JPEG quality ${options.quality ?? 85}`);
  if (options.paper && options.paper !== '#ffffff') steps.push('tinted paper');
  return steps.join(', ');
}
