import { describe, expect, it } from 'vitest';
import { findBannedWord } from './bannedWords.js';

describe('findBannedWord', () => {
  it('matches English whole words, ignoring case and full-width forms', () => {
    expect(findBannedWord('This is SPAM, buy now', ['spam'])).toBe('spam');
    expect(findBannedWord('ｓｐａｍ here', ['spam'])).toBe('spam');
    expect(findBannedWord('A classic idea', ['ass'])).toBeNull();
  });

  it('matches Chinese words anywhere', () => {
    expect(findBannedWord('这是一个广告链接', ['广告'])).toBe('广告');
    expect(findBannedWord('绿色制造', ['广告'])).toBeNull();
  });

  it('ignores blank entries and returns the first match', () => {
    expect(findBannedWord('anything', ['', '  '])).toBeNull();
    expect(findBannedWord('bad and worse', ['worse', 'bad'])).toBe('worse');
  });
});
