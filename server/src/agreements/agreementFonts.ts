import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The faces agreements are drawn in, each a TTF from an npm package (so it installs offline),
 * embedded SUBSET to the glyphs a document uses: a 10 MB CJK face costs a few kilobytes per PDF.
 * Noto Sans SC (OFL) carries the text; the typed signatures use a script-like face: Dancing
 * Script for Latin names, Ma Shan Zheng (a brush face) for Chinese ones.
 */
const FONT_FILES = {
  text: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  scriptLatin: '@expo-google-fonts/dancing-script/400Regular/DancingScript_400Regular.ttf',
  scriptCjk: '@expo-google-fonts/ma-shan-zheng/400Regular/MaShanZheng_400Regular.ttf',
} as const;

export type AgreementFont = keyof typeof FONT_FILES;

const loaded = new Map<AgreementFont, Promise<Uint8Array>>();

/** The font file's bytes, read once per process. */
export function fontBytes(font: AgreementFont): Promise<Uint8Array> {
  let bytes = loaded.get(font);
  if (bytes === undefined) {
    bytes = readFile(require.resolve(FONT_FILES[font]));
    loaded.set(font, bytes);
  }
  return bytes;
}
