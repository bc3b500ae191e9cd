/**
 * Image preparation for OCR with sharp: refuses decompression bombs and corrupt files by their
 * header before decoding, applies the EXIF orientation (phone photos), drops colour, and brings
 * huge photos down; the `enlarged` variant also upscales narrow scans and sharpens them.
 */
import sharp from 'sharp';
import { DocumentError } from './errors';

// Every image is read once: libvips' operation cache would only hold memory the worker needs
// elsewhere, and one libvips thread per image keeps peak memory flat (Tesseract, not sharp, is the slow step).
sharp.cache(false);
sharp.concurrency(1);

export interface PrepareImageOptions {
  /** Decoded pixels (width × height) above which an image is refused; defends against decompression bombs. */
  maxPixels: number;
  /**
   * `plain`: upright and grey, as scanned (the fast first look). `enlarged`: small scans upscaled
   * up to 2× and sharpened, for a second look when the first one left fields unsure.
   */
  variant?: 'plain' | 'enlarged';
}

export const defaultMaxPixels = 50_000_000;

/** In the enlarged variant, narrow scans (till receipts are often ~450–800 px wide) are upscaled towards this width, at most 2×. */
const ENLARGED_MIN_WIDTH = 1400;
/** Huge photos are brought down to this long side: more pixels only cost time. */
const MAX_LONG_SIDE = 3500;

export interface PreparedImage {
  png: Buffer;
  width: number;
  height: number;
}

export async function prepareImage(bytes: Buffer, options: PrepareImageOptions = { maxPixels: defaultMaxPixels }): Promise<PreparedImage> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new DocumentError('CORRUPT_IMAGE', `the image cannot be read (${(error as Error).message})`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width === 0 || height === 0) throw new DocumentError('CORRUPT_IMAGE', 'the image has no pixels');
  if (width * height > options.maxPixels) {
    throw new DocumentError(
      'IMAGE_TOO_LARGE',
      `the image is ${width}×${height} pixels; at most ${options.maxPixels.toLocaleString('en')} pixels are accepted`,
    );
  }

  const portrait = (metadata.orientation ?? 1) >= 5; // EXIF 5–8 swap width and height
  const shownWidth = portrait ? height : width;
  const shownHeight = portrait ? width : height;
  const longSide = Math.max(shownWidth, shownHeight);
  const enlarged = options.variant === 'enlarged';
  let scale = 1;
  if (enlarged && shownWidth < ENLARGED_MIN_WIDTH) scale = Math.min(2, ENLARGED_MIN_WIDTH / shownWidth);
  if (longSide * scale > MAX_LONG_SIDE) scale = MAX_LONG_SIDE / longSide;

  try {
    const pipeline = sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'error' }).rotate().grayscale();
    if (scale !== 1) pipeline.resize({ width: Math.round(shownWidth * scale), kernel: scale > 1 ? 'lanczos3' : 'lanczos2' });
    if (enlarged) pipeline.sharpen();
    const { data, info } = await pipeline.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch (error) {
    throw new DocumentError('CORRUPT_IMAGE', `the image cannot be decoded (${(error as Error).message})`);
  }
}
