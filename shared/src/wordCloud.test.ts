import { describe, expect, it } from 'vitest';
import { type CloudText, wordCloud } from './wordCloud.js';

/** Each text by its own author, as when every idea comes from a different phone. */
const byDifferentAuthors = (texts: readonly string[]): CloudText[] => texts.map((text, i) => ({ author: `p${i}`, text }));

const weights = (cloud: { word: string; weight: number }[]) => Object.fromEntries(cloud.map((w) => [w.word, w.weight]));

describe('wordCloud', () => {
  it('segments Chinese text into words and counts them', () => {
    const cloud = wordCloud(byDifferentAuthors(['降低能源成本', '氢能炼钢降低排放', '智能制造降低成本']), 'zh');
    const words = weights(cloud);
    expect(words['降低']).toBe(3);
    expect(words['成本']).toBe(2);
    // Single Han characters are left out.
    expect(cloud.every((w) => [...w.word].length >= 2)).toBe(true);
  });

  it('counts English words case-insensitively, heaviest first', () => {
    const cloud = wordCloud(byDifferentAuthors(['Green steel for the future', 'green hydrogen', 'Steel recycling and GREEN power']), 'en');
    expect(cloud[0]).toEqual({ word: 'green', weight: 3 });
    expect(cloud[1]).toEqual({ word: 'steel', weight: 2 });
  });

  it('counts a word once per author, however often and however long they write', () => {
    const longDetail = `${'Blockchain blockchain everywhere. '.repeat(200)} Also blockchain.`;
    const texts: CloudText[] = [
      { author: 'loud', text: longDetail },
      { author: 'loud', text: 'Blockchain for the canteen' },
      { author: 'loud', text: 'Blockchain for the parking lot' },
      { author: 'ann', text: 'Solar panels on the roof' },
      { author: 'bo', text: 'Solar lamps in the park' },
    ];
    const cloud = wordCloud(texts, 'en');
    const words = weights(cloud);
    expect(words['blockchain']).toBe(1);
    expect(words['solar']).toBe(2);
    // What two people said outweighs what one said two hundred times.
    expect(cloud[0]).toEqual({ word: 'solar', weight: 2 });
  });

  it('weighs a Chinese word by its authors too', () => {
    const texts: CloudText[] = [
      { author: 'a', text: '食堂食堂食堂，还是食堂' },
      { author: 'a', text: '食堂的位置' },
      { author: 'b', text: '电子菜单' },
      { author: 'c', text: '菜单翻译' },
    ];
    const words = weights(wordCloud(texts, 'zh'));
    expect(words['食堂']).toBe(1);
    expect(words['菜单']).toBe(2);
  });

  it('drops English stop words', () => {
    const cloud = wordCloud(
      byDifferentAuthors(['We should use the canteen more, and it will not be about them', 'Their canteen would have more of this']),
      'en',
    );
    expect(cloud.map((w) => w.word)).toEqual(['canteen']);
  });

  it('drops Chinese stop words, in a session of either language', () => {
    const texts = byDifferentAuthors(['我们可以通过氢能炼钢降低排放', '大家一起通过炼钢降低成本，我们应该这样', '我们就是需要炼钢']);
    for (const language of ['zh', 'en'] as const) {
      const words = wordCloud(texts, language).map((w) => w.word);
      expect(words).toContain('炼钢');
      expect(words).toContain('降低');
      for (const stop of ['我们', '可以', '通过', '大家', '应该', '就是', '需要']) expect(words).not.toContain(stop);
    }
  });

  it('leaves out hidden words and fills the cloud with the next ones', () => {
    const texts = byDifferentAuthors(['solar canteen', 'solar parking', 'canteen bikes', 'solar bikes']);
    expect(wordCloud(texts, 'en', { limit: 2 }).map((w) => w.word)).toEqual(['solar', 'bikes']);
    expect(wordCloud(texts, 'en', { limit: 2, hidden: new Set(['solar']) }).map((w) => w.word)).toEqual(['bikes', 'canteen']);
  });

  it('matches full-width letters with their plain forms', () => {
    const words = weights(wordCloud(byDifferentAuthors(['ＡＩ ｄｒｏｎｅｓ', 'drones for deliveries']), 'en'));
    expect(words['drones']).toBe(2);
  });

  it('keeps at most `limit` words', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(wordCloud(byDifferentAuthors(texts), 'en', { limit: 10 })).toHaveLength(10);
  });
});
