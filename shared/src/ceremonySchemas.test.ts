import { describe, expect, it } from 'vitest';
import type { StageSnapshot } from './ceremonyModel.js';
import { screenViewFor } from './ceremonyModel.js';
import { ceremonyFinaleSchema, faceHideSchema, screenSwitchSchema, venueAddSchema } from './ceremonySchemas.js';
import { VENUES_MAX } from './limits.js';
import { createSessionBodySchema, joinSessionBodySchema } from './schemas.js';

describe('venue and ceremony schemas', () => {
  it('takes distinct, cleaned venue names at creation, 1 to VENUES_MAX of them', () => {
    const parsed = createSessionBodySchema.parse({ title: 't', venues: ['  主会场 ', 'Sub\u202e venue'] });
    expect(parsed.venues).toEqual(['主会场', 'Sub venue']);
    expect(createSessionBodySchema.parse({ title: 't' }).venues).toBeUndefined();
    for (const venues of [[], ['A', 'a'], Array.from({ length: VENUES_MAX + 1 }, (_, i) => `V${i}`), ['x'.repeat(41)]]) {
      expect(createSessionBodySchema.safeParse({ title: 't', venues }).success).toBe(false);
    }
  });

  it('accepts a join venue id only in the id format', () => {
    expect(joinSessionBodySchema.parse({ name: 'Ann', venueId: 'abcDEF123_-x' }).venueId).toBe('abcDEF123_-x');
    for (const venueId of ['short', 'has space here', 7, null]) {
      expect(joinSessionBodySchema.safeParse({ name: 'Ann', venueId }).success).toBe(false);
    }
  });

  it('validates facilitator payloads strictly', () => {
    expect(screenSwitchSchema.safeParse({ view: 'board' }).success).toBe(true);
    expect(screenSwitchSchema.safeParse({ view: 'slides' }).success).toBe(false);
    expect(ceremonyFinaleSchema.parse({ message: ' 一起\r\n创造 ' }).message).toBe('一起\n创造');
    expect(ceremonyFinaleSchema.safeParse({ message: 'x'.repeat(121) }).success).toBe(false);
    expect(venueAddSchema.safeParse({ name: 'Hall', extra: true }).success).toBe(false);
    expect(faceHideSchema.safeParse({ participantId: 'abcdefgh12', hidden: 'yes' }).success).toBe(false);
  });

  it("gives a screen its venue's view, or the session-wide view without a venue", () => {
    const stage: StageSnapshot = {
      ceremony: { stage: 'gathering', message: null, view: 'ceremony', changedAt: '2024-01-01T00:00:00.000Z' },
      venues: [{ id: 'venue-b-123', name: 'B', view: 'board', joinUrl: '', qrPngUrl: '', qrSvgUrl: '' }],
      venueCounts: {},
      myVenueId: 'venue-b-123',
    };
    expect(screenViewFor(stage)).toBe('board');
    expect(screenViewFor({ ...stage, myVenueId: null })).toBe('ceremony');
    expect(screenViewFor({ ...stage, myVenueId: 'gone-venue-1' })).toBe('ceremony');
  });
});
