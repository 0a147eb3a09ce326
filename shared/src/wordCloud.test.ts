import { describe, expect, it } from 'vitest';
import { wordCloud } from './wordCloud.js';

describe('wordCloud', () => {
  it('segments Chinese text into words and counts them', () => {
    const cloud = wordCloud(['降低能源成本', '氢能炼钢降低排放', '智能制造降低成本'], 'zh');
    const words = Object.fromEntries(cloud.map((w) => [w.word, w.weight]));
    expect(words['降低']).toBe(3);
    expect(words['成本']).toBe(2);
    // Single Han characters and stop words are left out.
    expect(cloud.every((w) => [...w.word].length >= 2)).toBe(true);
  });

  it('counts English words case-insensitively without stop words, heaviest first', () => {
    const cloud = wordCloud(['Green steel for the future', 'green hydrogen', 'Steel recycling and GREEN power'], 'en');
    expect(cloud[0]).toEqual({ word: 'green', weight: 3 });
    expect(cloud[1]).toEqual({ word: 'steel', weight: 2 });
    expect(cloud.map((w) => w.word)).not.toContain('the');
  });

  it('keeps at most `limit` words', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(wordCloud(texts, 'en', 10)).toHaveLength(10);
  });
});
