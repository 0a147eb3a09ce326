import { readScreenKey, storageKeys, takeFragmentParam, writeStored } from '../lib/storage';

/**
 * The screen key from `#key=` (remembered, then removed from the address bar so it is not
 * projected for the whole hall to read) or from an earlier visit.
 */
export function screenKey(code: string): string | null {
  const fromUrl = takeFragmentParam('key');
  if (fromUrl === null) return readScreenKey(code);
  // Keep a screen URL the console saved in the same slot, unless it holds another key.
  if (readScreenKey(code) !== fromUrl) writeStored(storageKeys.screen(code), fromUrl);
  return fromUrl;
}
