import { createHash } from 'node:crypto';
import { PHOTO_MAX_BYTES, PHOTO_MAX_PX, PHOTO_MIME_TYPES, PHOTO_MIN_PX } from '@ideasphere/shared';
import { imageSize } from 'image-size';
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

/**
 * Checks an uploaded photo: declared type accepted, bytes really of that type (the header is
 * parsed, not trusted), dimensions and size within limits. Returns the record to store.
 */
export function validatePhoto(declaredMime: string, bytes: Uint8Array): PhotoRecord {
  const mime = declaredMime.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!isAcceptedMime(mime)) throw errors.unsupportedMedia(PHOTO_MIME_TYPES);
  if (bytes.byteLength === 0) throw errors.badRequest('The photo is empty.');
  if (bytes.byteLength > PHOTO_MAX_BYTES) throw errors.tooLarge(PHOTO_MAX_BYTES);
  let size: { width: number; height: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw new AppError('unsupported_media_type', 'The file is not a readable image.');
  }
  if (size.type !== TYPE_OF_MIME[mime]) {
    throw new AppError('unsupported_media_type', `The file is not a ${mime} image.`);
  }
  const { width, height } = size;
  if (width < PHOTO_MIN_PX || height < PHOTO_MIN_PX || width > PHOTO_MAX_PX || height > PHOTO_MAX_PX) {
    throw errors.badRequest(`The photo must be between ${PHOTO_MIN_PX} and ${PHOTO_MAX_PX} pixels on each side.`);
  }
  const version = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
  return { mime, bytes, version };
}
