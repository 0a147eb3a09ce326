import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInputValue, mapIndexThroughDelta, singleLine, textEdit, type TextDelta } from './textBinding';

describe('title binding', () => {
  it('finds the one changed span between two values', () => {
    expect(textEdit('abc', 'abc')).toBeNull();
    expect(textEdit('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(textEdit('abcd', 'ad')).toEqual({ index: 1, remove: 2, insert: '' });
    expect(textEdit('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(textEdit('', '减少成本')).toEqual({ index: 0, remove: 0, insert: '减少成本' });
  });

  it('keeps the title one paragraph: every line break becomes one space', () => {
    expect(singleLine('Solar roof\r\non hall 3\nand\r4\u2028now')).toBe('Solar roof on hall 3 and 4 now');
    expect(singleLine('屋顶光伏\n项目')).toBe('屋顶光伏 项目');
    expect(singleLine('one line')).toBe('one line');
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const edit = textEdit('a😀b', 'a😃b');
    expect(edit).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('merges two people typing in one title at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.getText('title').insert(0, 'Heat recovery');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyInputValue(a.getText('title'), 'Slag heat recovery', 'input');
    applyInputValue(b.getText('title'), 'Heat recovery plan', 'input');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('title').toString()).toBe('Slag heat recovery plan');
    expect(b.getText('title').toString()).toBe('Slag heat recovery plan');
  });

  it('keeps the local caret on its character while others edit', () => {
    const text = new Y.Doc().getText('t');
    text.insert(0, 'hello world');
    let delta: TextDelta = [];
    text.observe((event) => {
      delta = event.delta as TextDelta;
    });
    text.insert(0, '>> ');
    expect(mapIndexThroughDelta(6, delta)).toBe(9);
    text.delete(0, 3);
    expect(mapIndexThroughDelta(9, delta)).toBe(6);
    text.insert(11, '!');
    expect(mapIndexThroughDelta(6, delta)).toBe(6);
    text.insert(6, 'big ');
    expect(mapIndexThroughDelta(6, delta)).toBe(6);
    text.delete(2, 6);
    expect(mapIndexThroughDelta(5, delta)).toBe(2);
  });
});
