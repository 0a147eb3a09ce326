import { describe, expect, it } from 'vitest';
import { readableTerms } from './readableTerms.js';

describe('readableTerms', () => {
  it('joins overlapping Chinese pieces back into their run, and keeps other terms', () => {
    expect(readableTerms(['防腐', '腐涂', '涂层', 'coating'])).toEqual(['防腐涂层', 'coating']);
    expect(readableTerms(['涂层', '防腐', '腐涂'])).toEqual(['防腐涂层']);
    expect(readableTerms(['钢板', '十年', '海水'])).toEqual(['钢板', '十年', '海水']);
  });

  it('leaves single characters, longer words and a cycle of pieces readable', () => {
    expect(readableTerms(['材', '新材料', 'PCB'])).toEqual(['材', '新材料', 'PCB']);
    expect(readableTerms(['哈哈', '哈'])).toEqual(['哈哈', '哈']);
  });
});
