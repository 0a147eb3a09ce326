import { describe, expect, it } from 'vitest';
import type { ErrorCode, IdeaPublic } from '@ideasphere/shared';
import { classifyDelivery, OUTBOX_MAX_ITEMS, parseOutbox, withOutboxItem, withoutOutboxItems, type OutboxItem } from './outbox';

const item = (n: number, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  clientId: `c${n}-aaaaaaaa`,
  title: `Idea ${n}`,
  detail: '',
  category: null,
  createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, n)).toISOString(),
  ...extra,
});

describe('outbox', () => {
  it('reads back what it stored and ignores anything malformed', () => {
    const stored = JSON.stringify([item(1), { clientId: 5 }, 'junk', item(2, { category: 'Ops' })]);
    expect(parseOutbox(stored)).toEqual([item(1), item(2, { category: 'Ops' })]);
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox('{"a":1}')).toEqual([]);
  });

  it('replaces an item with the same client id instead of queuing it twice', () => {
    const items = withOutboxItem([item(1), item(2)], item(1, { title: 'Again' }));
    expect(items.map((i) => i.title)).toEqual(['Idea 2', 'Again']);
  });

  it('keeps at most the newest items', () => {
    let items: OutboxItem[] = [];
    for (let n = 0; n < OUTBOX_MAX_ITEMS + 5; n++) items = withOutboxItem(items, item(n));
    expect(items).toHaveLength(OUTBOX_MAX_ITEMS);
    expect(items[0]?.title).toBe('Idea 5');
  });

  it('drops delivered items by client id', () => {
    expect(withoutOutboxItems([item(1), item(2), item(3)], new Set([item(2).clientId])).map((i) => i.title)).toEqual(['Idea 1', 'Idea 3']);
  });
});

describe('classifyDelivery', () => {
  const idea = { id: 'idea0001', status: 'held' } as IdeaPublic;
  const failed = (code: ErrorCode | 'network') => classifyDelivery({ ok: false, error: { code, message: '' } });

  it('delivers on an ok ack, whatever status the server gave the idea', () => {
    expect(classifyDelivery({ ok: true, data: idea })).toEqual({ kind: 'delivered', idea });
  });

  it('keeps the item for later when there was no answer or the server was busy', () => {
    expect(failed('network')).toEqual({ kind: 'retry', slowDown: false });
    expect(failed('unavailable')).toEqual({ kind: 'retry', slowDown: false });
    expect(failed('internal')).toEqual({ kind: 'retry', slowDown: false });
    expect(failed('rate_limited')).toEqual({ kind: 'retry', slowDown: true });
  });

  it('gives up on refusals a resend cannot fix', () => {
    expect(failed('bad_request').kind).toBe('refused');
    expect(failed('forbidden').kind).toBe('refused');
    expect(failed('unauthorized').kind).toBe('refused');
  });
});
