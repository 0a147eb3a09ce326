import { randomUUID } from 'node:crypto';
import {
  type ApiError,
  type BoardSnapshot,
  DISPLAY_NAME_MAX_CHARS,
  IDEA_TITLE_MAX_CHARS,
  type SessionSnapshot,
} from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { api, connectClient, createSession, expectOk, join, request, appForTests } from '../testing/harness.js';

/** Text that draws nothing: zero-width space, joiner, word joiner, BOM, Hangul filler, braille blank, a lone variation selector. */
const INVISIBLE = '\u200b\u200d\u2060\ufeff\u3164\u2800\ufe0f';
/** One character to a person, five UTF-16 units, three code points. */
const CODER = '👩‍💻';

describe('user text on the server', () => {
  const live = appForTests();
  const { url, track } = live;

  async function room() {
    const created = await createSession(url(), 'Text test');
    const facilitator = await connectClient(url(), { role: 'facilitator', code: created.code, token: created.facilitatorToken });
    track(facilitator);
    const snapshot = async () => expectOk(await request(facilitator, 'session:snapshot', {})) as SessionSnapshot;
    const board = async () => expectOk(await request(facilitator, 'board:snapshot', {})) as BoardSnapshot;
    return { created, facilitator, snapshot, board };
  }

  const refusal = (ack: { ok: boolean; error?: ApiError }) => (ack.ok ? null : { code: ack.error?.code, reason: ack.error?.reason });

  it('refuses a join with an invisible name, says why, and adds no one', async () => {
    const { created, snapshot } = await room();
    const res = await api<{ error: ApiError }>(url(), 'POST', `/api/sessions/${created.code}/participants`, { name: INVISIBLE });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', reason: 'text_blank' });
    expect(res.body.error.fields).toHaveProperty('name');
    expect((await snapshot()).participantCount).toBe(0);
  });

  it('counts a name in characters: 40 emoji sequences join, 41 are refused as too long', async () => {
    const { created, snapshot } = await room();
    const longest = CODER.repeat(DISPLAY_NAME_MAX_CHARS);
    const joined = await join(url(), created.code, longest);
    expect(joined.participant.name).toBe(longest);

    const res = await api<{ error: ApiError }>(url(), 'POST', `/api/sessions/${created.code}/participants`, { name: CODER.repeat(DISPLAY_NAME_MAX_CHARS + 1) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', reason: 'text_too_long' });
    const after = await snapshot();
    expect(after.participantCount).toBe(1);
    expect(after.firstPage.participants.map((p) => p.name)).toEqual([longest]);
  });

  it('refuses invisible and over-long idea titles with their reason, and the board stays empty', async () => {
    const { created, board } = await room();
    const { participantToken } = await join(url(), created.code, 'Ann');
    const phone = await connectClient(url(), { role: 'participant', code: created.code, token: participantToken });
    track(phone);
    const submit = (title: string) => request(phone, 'idea:submit', { clientId: randomUUID(), title });

    expect(refusal(await submit(INVISIBLE))).toEqual({ code: 'bad_request', reason: 'text_blank' });
    expect(refusal(await submit(` ${INVISIBLE}\u00a0\u3000`))).toEqual({ code: 'bad_request', reason: 'text_blank' });
    expect(refusal(await submit(CODER.repeat(IDEA_TITLE_MAX_CHARS + 1)))).toEqual({ code: 'bad_request', reason: 'text_too_long' });
    expect((await board()).firstPage.ideas).toEqual([]);

    const fits = expectOk(await submit(CODER.repeat(IDEA_TITLE_MAX_CHARS)));
    expect(fits.title).toBe(CODER.repeat(IDEA_TITLE_MAX_CHARS));
    expect((await board()).firstPage.ideas.map((idea) => idea.id)).toEqual([fits.id]);
  });

  it('refuses invisible session titles, cluster and venue names from the facilitator, and changes nothing', async () => {
    const { facilitator, snapshot, board } = await room();
    const created = await api<{ error: ApiError }>(url(), 'POST', '/api/sessions', { title: INVISIBLE, language: 'en' });
    expect(created.status).toBe(400);
    expect(created.body.error.reason).toBe('text_blank');

    expect(refusal(await request(facilitator, 'session:update', { title: INVISIBLE }))).toEqual({ code: 'bad_request', reason: 'text_blank' });
    expect(refusal(await request(facilitator, 'cluster:create', { name: INVISIBLE }))).toEqual({ code: 'bad_request', reason: 'text_blank' });
    expect(refusal(await request(facilitator, 'venue:add', { name: INVISIBLE }))).toEqual({ code: 'bad_request', reason: 'text_blank' });
    expect(refusal(await request(facilitator, 'board:configure', { categories: ['Energy', INVISIBLE] }))).toEqual({
      code: 'bad_request',
      reason: 'text_blank',
    });

    const after = await snapshot();
    expect(after.session.title).toBe('Text test');
    expect(after.stage.venues).toHaveLength(1);
    const boardAfter = await board();
    expect(boardAfter.clusters).toEqual([]);
    expect(boardAfter.settings.categories).toEqual([]);
  });
});
