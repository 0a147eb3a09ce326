import {
  SIGNATURE_PNG_MAX_BYTES,
  SIGNATURE_PNG_MAX_HEIGHT,
  SIGNATURE_PNG_MAX_WIDTH,
  SIGNATURE_PNG_MIN_HEIGHT,
  SIGNATURE_PNG_MIN_WIDTH,
} from '@ideasphere/shared';
import { imageSize } from 'image-size';
import { errors } from '../errors.js';

/** The eight bytes every PNG file starts with. */
const PNG_SIGNATURE_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * A drawn signature, decoded from base64 and checked before it is stored: at most
 * SIGNATURE_PNG_MAX_BYTES, a real PNG (signature bytes, a header image-size can parse) and
 * dimensions within the limits. It is later embedded by pdf-lib, which decodes it whole.
 */
export function validSignaturePng(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw errors.signatureImageInvalid('it is empty');
  if (bytes.length > SIGNATURE_PNG_MAX_BYTES) throw errors.signatureImageInvalid(`it is larger than ${SIGNATURE_PNG_MAX_BYTES} bytes`);
  if (!PNG_SIGNATURE_BYTES.every((byte, i) => bytes[i] === byte)) throw errors.signatureImageInvalid('it is not a PNG');
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw errors.signatureImageInvalid('it is not a readable PNG');
  }
  const { width = 0, height = 0 } = size;
  if (size.type !== 'png') throw errors.signatureImageInvalid('it is not a PNG');
  if (width < SIGNATURE_PNG_MIN_WIDTH || height < SIGNATURE_PNG_MIN_HEIGHT || width > SIGNATURE_PNG_MAX_WIDTH || height > SIGNATURE_PNG_MAX_HEIGHT) {
    throw errors.signatureImageInvalid(`it must be ${SIGNATURE_PNG_MIN_WIDTH}×${SIGNATURE_PNG_MIN_HEIGHT} to ${SIGNATURE_PNG_MAX_WIDTH}×${SIGNATURE_PNG_MAX_HEIGHT} pixels`);
  }
  return new Uint8Array(bytes);
}
