import { readScreenKey, readStored, storageKeys, takeFragmentParam, writeStored } from '../lib/storage';

/**
 * The screen key from `#key=` (remembered, then removed from the address bar so it is not
 * projected for the whole hall to read), else the key of an earlier visit, else the one in the
 * screen link the console saved on this computer.
 */
export function screenKey(code: string): string | null {
  const fromUrl = takeFragmentParam('key');
  if (fromUrl !== null) {
    writeStored(storageKeys.screenKey(code), fromUrl);
    return fromUrl;
  }
  return readStored(storageKeys.screenKey(code)) ?? readScreenKey(code);
}
