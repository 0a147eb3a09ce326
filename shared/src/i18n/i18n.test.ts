import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.js';
import { en } from './en.js';
import { pickLanguage, translate } from './index.js';
import { zh } from './zh.js';

describe('i18n', () => {
  it('has the same keys in both languages and no empty string', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(zh)]) expect(value.trim()).not.toBe('');
  });

  it('has a message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(Object.keys(en)).toContain(`error.${code}`);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'error.network')).toBe(en['error.network']);
    expect(translate('zh', 'app.name')).toBe(zh['app.name']);
  });

  it('picks the first supported browser language', () => {
    expect(pickLanguage(['fr-FR', 'zh-CN', 'en'], 'en')).toBe('zh');
    expect(pickLanguage(['en-GB'], 'zh')).toBe('en');
    expect(pickLanguage(['de'], 'zh')).toBe('zh');
  });
});
