import { criteriaSchema, ERROR_HTTP_STATUS, REFUSAL_REASONS, lineText } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errors, toApiError } from './errors.js';
import { capturedLog } from './logger.js';

describe('refusals', () => {
  it('carry a reason whose code (and HTTP status) is the one REFUSAL_REASONS gives it', () => {
    const zodError = z.object({ name: z.string() }).safeParse({}).error;
    if (!zodError) throw new Error('expected a zod error');
    // Each factory with arguments of its kind: the invalid-input one takes zod's issues, the
    // others a word, a number, a list or fields, and ignore what they do not use.
    const made = Object.entries(errors).map(([name, factory]) => {
      const call = factory as (...args: unknown[]) => AppError;
      if (name === 'invalid') return call('payload', zodError);
      if (name === 'unsupportedMedia') return call(['image/png']);
      if (name === 'fieldUnknown') return call(['field-x']);
      if (name === 'commentAnchorInvalid') return call({ 'anchor.start': 'is not a position' });
      if (name === 'challengeNotEditable') return call('open', ['title']);
      if (name === 'reviewRoundNotEditable') return call(['blind']);
      if (name === 'reviewScoresIncomplete') return call(['c0']);
      if (name === 'reviewRoundPastDue') return call(new Date(Date.UTC(2026, 5, 1)));
      return call('thing', 5);
    });
    // A text field's refusal says what is wrong with the text (invisible, or too long).
    for (const text of ['\u200b', 'x'.repeat(11)]) {
      const textError = lineText(10).safeParse(text).error;
      if (!textError) throw new Error('expected a zod error');
      made.push(errors.invalid('name', textError));
    }
    // Criteria whose weights do not add up to 100 say so.
    const weightsError = criteriaSchema.safeParse([{ name: 'A', weight: 50 }]).error;
    if (!weightsError) throw new Error('expected a zod error');
    made.push(errors.invalid('criteria', weightsError));
    const reasons = new Set<string>();
    for (const error of made) {
      const api = error.toApiError();
      expect(api.code).toBe(REFUSAL_REASONS[api.reason]);
      expect(ERROR_HTTP_STATUS[api.code]).toBeGreaterThanOrEqual(400);
      expect(api.message).not.toBe('');
      reasons.add(api.reason);
    }
    // Every reason the protocol lists is one the server can give.
    expect([...reasons].sort()).toEqual(Object.keys(REFUSAL_REASONS).sort());
  });

  it('answer anything else as internal, without its message', () => {
    const { log, records } = capturedLog();
    const api = toApiError(new Error('disk full at /var/lib/secret'), log);
    expect(api).toEqual({ code: 'internal', reason: 'internal', message: 'Internal error.' });
    // Logged at error level, with the stack.
    expect(records).toMatchObject([{ level: 50, msg: 'internal error', err: { message: 'disk full at /var/lib/secret' } }]);
    expect(String((records[0]?.err as { stack?: string }).stack)).toContain('errors.test.ts');
  });
});
