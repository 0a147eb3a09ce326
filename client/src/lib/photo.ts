import { PHOTO_MAX_BYTES, PHOTO_MIN_PX, PHOTO_TARGET_PX } from '@ideasphere/shared/limits.js';

/** Why a picked file could not become an avatar photo. */
export type PhotoErrorReason = 'decode' | 'too_small' | 'too_large';

export class PhotoError extends Error {
  constructor(readonly reason: PhotoErrorReason) {
    super(`photo ${reason}`);
    this.name = 'PhotoError';
  }
}

type Drawable = ImageBitmap | HTMLImageElement;

function sizeOf(image: Drawable): { width: number; height: number } {
  return image instanceof HTMLImageElement
    ? { width: image.naturalWidth, height: image.naturalHeight }
    : { width: image.width, height: image.height };
}

/**
 * Decodes the picked file upright. `imageOrientation: 'from-image'` applies the EXIF
 * rotation phones write into selfies; browsers without createImageBitmap support for the file
 * fall back to an <img>, which applies EXIF orientation by default.
 */
async function decode(file: Blob): Promise<{ image: Drawable; release: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { image: bitmap, release: () => bitmap.close() };
    } catch {
      // Fall through to <img>, which knows a few more formats on some browsers.
    }
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
  } catch {
    URL.revokeObjectURL(url);
    throw new PhotoError('decode');
  }
  return { image: img, release: () => URL.revokeObjectURL(url) };
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/**
 * Turns a picked photo into the avatar the server accepts: centre-cropped to a square,
 * scaled to PHOTO_TARGET_PX, JPEG at ~0.8, and at most PHOTO_MAX_BYTES. A 12-megapixel selfie
 * becomes ~20 KB here instead of several MB on the venue Wi-Fi.
 */
export async function preparePhoto(file: Blob): Promise<Blob> {
  const { image, release } = await decode(file);
  try {
    const { width, height } = sizeOf(image);
    const side = Math.min(width, height);
    if (side < PHOTO_MIN_PX) throw new PhotoError('too_small');

    const canvas = document.createElement('canvas');
    canvas.width = PHOTO_TARGET_PX;
    canvas.height = PHOTO_TARGET_PX;
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('decode');
    // JPEG has no transparency: paint a background so a transparent PNG does not turn black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, PHOTO_TARGET_PX, PHOTO_TARGET_PX);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(
      image,
      (width - side) / 2,
      (height - side) / 2,
      side,
      side,
      0,
      0,
      PHOTO_TARGET_PX,
      PHOTO_TARGET_PX,
    );

    for (let quality = 0.82; quality >= 0.3; quality -= 0.13) {
      const blob = await encode(canvas, 'image/jpeg', quality);
      if (blob === null) throw new PhotoError('decode');
      if (blob.size <= PHOTO_MAX_BYTES) return blob;
    }
    throw new PhotoError('too_large');
  } finally {
    release();
  }
}
