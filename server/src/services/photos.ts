import { createHash } from 'node:crypto';
import { PHOTO_MAX_BYTES, PHOTO_MAX_PX, PHOTO_MIME_TYPES, PHOTO_MIN_PX } from '@ideasphere/shared';
import { imageSize } from 'image-size';
import sharp, { type Sharp } from 'sharp';
import { AppError, errors } from '../errors.js';
import type { PhotoRecord } from '../store/Store.js';

/** image-size's type names for each accepted MIME type. */
const TYPE_OF_MIME: Record<(typeof PHOTO_MIME_TYPES)[number], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

function isAcceptedMime(mime: string): mime is (typeof PHOTO_MIME_TYPES)[number] {
  return (PHOTO_MIME_TYPES as readonly string[]).includes(mime);
}

/** How each accepted type is written back: the same type, metadata dropped. */
const ENCODE: Record<(typeof PHOTO_MIME_TYPES)[number], (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 85 }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 85 }),
};

/**
 * Checks an uploaded photo and re-encodes it: declared type accepted, bytes really of that type
 * (the header is parsed, not trusted), dimensions and size within limits, all before anything
 * is decoded. The stored photo is a fresh encoding of the pixels alone (turned upright from its
 * EXIF orientation), so nothing else the file carried — text or script appended after the
 * image, metadata such as a phone's GPS position — is ever stored or served.
 */
export async function normalizePhoto(declaredMime: string, bytes: Uint8Array): Promise<PhotoRecord> {
  const mime = declaredMime.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!isAcceptedMime(mime)) throw errors.unsupportedMedia(PHOTO_MIME_TYPES);
  if (bytes.byteLength === 0) throw errors.photoEmpty();
  if (bytes.byteLength > PHOTO_MAX_BYTES) throw errors.tooLarge(PHOTO_MAX_BYTES);
  let size: { width: number; height: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw notAnImage();
  }
  if (size.type !== TYPE_OF_MIME[mime]) {
    throw errors.notAnImage(mime);
  }
  const { width, height } = size;
  if (width < PHOTO_MIN_PX || height < PHOTO_MIN_PX || width > PHOTO_MAX_PX || height > PHOTO_MAX_PX) {
    throw errors.photoDimensions(PHOTO_MIN_PX, PHOTO_MAX_PX);
  }
  let encoded: Buffer;
  try {
    const image = sharp(bytes, { limitInputPixels: PHOTO_MAX_PX * PHOTO_MAX_PX, failOn: 'error' }).rotate();
    encoded = await ENCODE[mime](image).toBuffer();
  } catch {
    throw notAnImage();
  }
  const version = createHash('sha256').update(encoded).digest('base64url').slice(0, 16);
  return { mime, bytes: new Uint8Array(encoded), version };
}

function notAnImage(): AppError {
  return errors.notAnImage();
}
