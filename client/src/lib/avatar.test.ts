import { describe, expect, it } from 'vitest';
import { avatarColour, initials, photoUrl } from './avatar';

describe('initials', () => {
  it('uses the first letters of the first and last word', () => {
    expect(initials('ada lovelace')).toBe('AL');
    expect(initials('  Grace  Brewster Hopper ')).toBe('GH');
    expect(initials('Linus')).toBe('L');
  });

  it('uses the given name of a Chinese name', () => {
    expect(initials('王小明')).toBe('小明');
    expect(initials('李雷')).toBe('李雷');
  });

  it('keeps an emoji whole', () => {
    expect(initials('👩‍💻 dev')).toBe('👩‍💻D');
  });

  it('never returns an empty avatar', () => {
    expect(initials('   ')).toBe('?');
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
