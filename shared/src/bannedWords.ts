/**
 * Banned-word matching for moderation. Text and words are compared after NFKC folding and
 * lower-casing, so full-width letters (ＡＢＣ) and case tricks do not slip through. Words with
 * Han, Kana or Hangul characters match anywhere (those scripts have no spaces between words);
 * other words match whole words only, so "ass" does not hold "class".
 */
export function findBannedWord(text: string, bannedWords: readonly string[]): string | null {
  const haystack = fold(text);
  for (const word of bannedWords) {
    const needle = fold(word).trim();
    if (needle === '') continue;
    if (CJK.test(needle)) {
      if (haystack.includes(needle)) return word;
    } else if (wholeWord(needle).test(haystack)) {
      return word;
    }
  }
  return null;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function wholeWord(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}
