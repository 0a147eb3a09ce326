import { useCallback, useEffect, useRef, useState } from 'react';
import { PhotoError, preparePhoto, type PhotoErrorReason } from '../lib/photo';

export type PhotoChoice =
  | { kind: 'none' }
  | { kind: 'processing' }
  | { kind: 'ready'; photo: Blob; previewUrl: string }
  | { kind: 'error'; reason: PhotoErrorReason | 'not_image' };

/**
 * A photo being picked: downscaled in the browser as soon as it is chosen, with a preview URL
 * that is revoked when replaced or unmounted.
 */
export function usePhotoChoice() {
  const [choice, setChoice] = useState<PhotoChoice>({ kind: 'none' });
  // Picking twice quickly must not let the first, slower result win.
  const sequence = useRef(0);
  const previewUrl = choice.kind === 'ready' ? choice.previewUrl : null;

  useEffect(() => {
    if (previewUrl === null) return;
    return () => URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  const pick = useCallback(async (file: File): Promise<Blob | null> => {
    const mine = ++sequence.current;
    if (file.type !== '' && !file.type.startsWith('image/')) {
      setChoice({ kind: 'error', reason: 'not_image' });
      return null;
    }
    setChoice({ kind: 'processing' });
    try {
      const photo = await preparePhoto(file);
      if (mine !== sequence.current) return null;
      setChoice({ kind: 'ready', photo, previewUrl: URL.createObjectURL(photo) });
      return photo;
    } catch (error) {
      if (mine === sequence.current) {
        setChoice({ kind: 'error', reason: error instanceof PhotoError ? error.reason : 'decode' });
      }
      return null;
    }
  }, []);

  const clear = useCallback(() => {
    sequence.current++;
    setChoice({ kind: 'none' });
  }, []);

  return { choice, pick, clear };
}

/** The i18n key that explains why a photo could not be used. */
export function photoErrorKey(reason: PhotoErrorReason | 'not_image') {
  return `photo.error.${reason}` as const;
}
