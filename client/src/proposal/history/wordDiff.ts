import { diffArrays } from 'diff';

/** A run of text in a comparison: in both, only in the current text, or only in the version. */
export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

let segmenters: Map<string, Intl.Segmenter> | null = null;

/** Chinese has no spaces between words: Intl.Segmenter finds them (where the runtime has it). */
function wordSegmenter(language: string): Intl.Segmenter | undefined {
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return undefined;
  segmenters ??= new Map();
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Words, spaces and punctuation as separate tokens; joined they give the text back exactly. */
export function wordTokens(text: string, language: string): string[] {
  const segmenter = wordSegmenter(language);
  if (segmenter) return Array.from(segmenter.segment(text), (s) => s.segment);
  return text.split(/(\s+|[\p{P}\p{S}]|\p{Script=Han})/u).filter((token) => token !== '');
}

/**
 * Word-level differences from `before` (a saved version) to `after` (the current text), with the
 * `diff` package's Myers diff over word tokens (so both texts are kept exactly, spaces and line
 * breaks included). Neighbouring runs of one kind are merged into few, readable spans.
 */
export function wordDiff(before: string, after: string, language = 'en'): DiffSegment[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  const lang = language === 'zh' ? 'zh' : 'en';
  const changes = diffArrays(wordTokens(before, lang), wordTokens(after, lang));
  const segments: DiffSegment[] = [];
  for (const change of changes) {
    const kind: DiffSegment['kind'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const text = change.value.join('');
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += text;
    else if (text !== '') segments.push({ kind, text });
  }
  return segments;
}

/** The text a diff shows as current (what `after` was): checks a diff is complete. */
export function afterText(segments: readonly DiffSegment[]): string {
  return segments.filter((s) => s.kind !== 'removed').map((s) => s.text).join('');
}

/** The text the version had. */
export function beforeText(segments: readonly DiffSegment[]): string {
  return segments.filter((s) => s.kind !== 'added').map((s) => s.text).join('');
}

/** How many words were added and removed, for the summary line. */
export function diffStats(segments: readonly DiffSegment[]): { added: number; removed: number } {
  const count = (text: string) => text.split(/\s+/).filter((w) => w !== '').length || (text.trim() === '' ? 0 : 1);
  let added = 0;
  let removed = 0;
  for (const segment of segments) {
    if (segment.kind === 'added') added += count(segment.text);
    if (segment.kind === 'removed') removed += count(segment.text);
  }
  return { added, removed };
}
