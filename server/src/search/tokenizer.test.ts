import { describe, expect, it } from 'vitest';
import { createTokenizer, foldText } from './tokenizer.js';

describe('tokenizer', () => {
  it('folds case, accents and full-width forms, splits on anything but letters and digits', () => {
    expect(foldText('Café ＰＣＢ')).toBe('cafe pcb');
    expect(createTokenizer('words')('Café: 3D-printed PCBs, 2024!')).toEqual(['cafe', '3d', 'printed', 'pcbs']);
  });

  it('drops stop words of both languages and bare numbers', () => {
    expect(createTokenizer('words')('We can use the 2 sensors 我们的传感器')).toEqual(['sensors', '传感器']);
  });

  it('segments Chinese into words and adds the bigrams of each run, which replace its one-character words', () => {
    expect(createTokenizer('words')('耐高温的新材料')).toEqual(['耐', '高温', '新', '材料']);
    expect(createTokenizer('bigrams')('耐高温的新材料')).toEqual(['高温', '耐高', '材料', '新材']);
    // A lone character is still a term.
    expect(createTokenizer('bigrams')('钢')).toEqual(['钢']);
    expect(createTokenizer('unigrams')('新材料')).toEqual(['新', '材料', '材', '料']);
  });

  it('keeps Latin and Chinese apart in mixed text', () => {
    expect(createTokenizer('bigrams')('Machine vision 缺陷检测 for PCB')).toEqual(['machine', 'vision', '缺陷', '检测', '陷检', 'pcb']);
  });
});
