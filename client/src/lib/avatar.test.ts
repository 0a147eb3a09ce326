import { describe, expect, it } from 'vitest';
import { avatarColour, initials, photoUrl } from './avatar';

describe('initials', () => {
  it('uses the first letters of the first and last word', () => {
    expect(initials('ada lovelace')).toBe('AL');
    expect(initials('  Grace  Brewster Hopper ')).toBe('GH');
    expect(initials('Linus')).toBe('L');
    expect(initials('Élodie Müller')).toBe('ÉM');
  });

  it('takes letters only: punctuation, symbols and bracketed suffixes are left out', () => {
    expect(initials('Ann (Editor)')).toBe('A');
    expect(initials('Dr. Jean-Luc Picard!')).toBe('DP');
    expect(initials("Sean O'Brien")).toBe('SO');
    expect(initials('"Bob" ★')).toBe('B');
    expect(initials('(Editor)')).toBe('E');
    expect(initials('team #7')).toBe('T7');
  });

  it('uses the given name of a Chinese name, as DingTalk draws avatars', () => {
    expect(initials('王小明')).toBe('小明');
    expect(initials('李雷')).toBe('李雷');
    expect(initials('王 小明')).toBe('小明');
    expect(initials('欧阳娜娜')).toBe('娜娜');
    expect(initials('司马光')).toBe('光');
    expect(initials('陳大文')).toBe('大文');
  });

  it('leaves a bracketed role out of a Chinese name', () => {
    expect(initials('李娜 (编辑)')).toBe('李娜');
    expect(initials('李娜（编辑）')).toBe('李娜');
    expect(initials('王小明【主持】')).toBe('小明');
    expect(initials('李娜 (编')).toBe('李娜');
  });

  it('shows the start of Chinese words that are not personal names', () => {
    expect(initials('主持人')).toBe('主持');
    expect(initials('产品部')).toBe('产品');
    expect(initials('工作人员')).toBe('工作');
    expect(initials('高级工程师')).toBe('高级');
  });

  it('uses the given name of a Korean name', () => {
    expect(initials('김민준')).toBe('민준');
    expect(initials('민준')).toBe('민준');
  });

  it('keeps two Arabic initials apart as letters', () => {
    expect(initials('محمد علي')).toBe('م\u200cع');
    expect(initials('سارة')).toBe('س');
  });

  it('falls back to the first emoji, kept whole, for a name of emoji only', () => {
    expect(initials('👩‍💻🚀')).toBe('👩‍💻');
    expect(initials('🇨🇳 ✨')).toBe('🇨🇳');
    expect(initials('👩‍💻 dev')).toBe('D');
  });

  it('never returns an empty avatar or a stack of marks', () => {
    expect(initials('   ')).toBe('?');
    expect(initials('!!! ...')).toBe('?');
    expect(initials('\u200b\u3164')).toBe('?');
    expect(initials(`Z${'\u0336\u0321\u031b'.repeat(5)}algo`)).toBe('Z\u0336');
  });
});

describe('avatarColour', () => {
  it('is stable for an id and spreads ids over the palette', () => {
    expect(avatarColour('participant-1')).toBe(avatarColour('participant-1'));
    const colours = new Set(Array.from({ length: 50 }, (_, i) => avatarColour(`id-${i}`)));
    expect(colours.size).toBeGreaterThan(6);
  });
});

describe('photoUrl', () => {
  it('keys the URL on the photo version, and is null without a photo', () => {
    expect(photoUrl('K7M2QX', { id: 'abc', photoVersion: 'v 2' })).toBe(
      '/api/sessions/K7M2QX/participants/abc/photo?v=v%202',
    );
    expect(photoUrl('K7M2QX', { id: 'abc', photoVersion: null })).toBeNull();
  });
});
