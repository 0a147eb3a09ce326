import { useMemo, type CSSProperties } from 'react';
import { hash } from '../lib/avatar';
import './wordcloud.css';

export interface CloudWord {
  word: string;
  weight: number;
}

interface WordCloudProps {
  words: readonly CloudWord[];
  /** The heaviest words only: a cloud of hundreds is noise. */
  limit?: number;
  className?: string;
  testId?: string;
  label: string;
  /** Colours picked per word (stable); dark ones for paper, bright ones for the big screen. */
  palette?: readonly string[];
  /** E.g. the base font size the word sizes scale from. */
  style?: CSSProperties;
  /** Makes each word a button (the console hides a word with it), labelled by `pickLabel`. */
  onPick?: (word: string) => void;
  pickLabel?: (word: string) => string;
}

/** Mid-dark tones that read well on white and print well. */
export const LIGHT_CLOUD_PALETTE = ['#4338ca', '#6d28d9', '#be185d', '#c2410c', '#047857', '#0e7490', '#1d4ed8', '#a21caf'] as const;

/**
 * Arranges the words with the heaviest in the middle and lighter ones alternating left and
 * right, so the cloud has a centre like a hand-made one, without a layout library.
 */
export function arrangeCloud(words: readonly CloudWord[], limit: number): CloudWord[] {
  const heaviest = [...words].sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word)).slice(0, limit);
  const left: CloudWord[] = [];
  const right: CloudWord[] = [];
  heaviest.forEach((word, index) => (index % 2 === 0 ? right : left).push(word));
  return [...left.reverse(), ...right];
}

/** A word cloud as a wrapped line of words, sized by weight (square-root scale), in colour. */
export function WordCloud({ words, limit = 60, className, testId, label, palette = LIGHT_CLOUD_PALETTE, style, onPick, pickLabel }: WordCloudProps) {
  const arranged = useMemo(() => arrangeCloud(words, limit), [words, limit]);
  const max = arranged.reduce((m, w) => Math.max(m, w.weight), 0);
  const min = arranged.reduce((m, w) => Math.min(m, w.weight), max);
  return (
    <ul className={['word-cloud', className].filter(Boolean).join(' ')} data-testid={testId} aria-label={label} style={style}>
      {arranged.map(({ word, weight }) => {
        // Equal weights (a handful of ideas) all get a middle size rather than the largest.
        const share = max === min ? 0.5 : Math.sqrt((weight - min) / (max - min));
        const style = {
          '--cloud-size': (0.9 + share * 2.3).toFixed(2),
          '--cloud-colour': palette[hash(word) % palette.length],
        } as CSSProperties;
        return (
          <li key={word} className="word-cloud-word" style={style} data-weight={weight} data-word={word} dir="auto">
            {onPick ? (
              <button type="button" className="word-cloud-button" aria-label={pickLabel?.(word)} title={pickLabel?.(word)} onClick={() => onPick(word)}>
                {word}
              </button>
            ) : (
              word
            )}
          </li>
        );
      })}
    </ul>
  );
}
