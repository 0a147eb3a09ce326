import { tokenSchema } from '@ideasphere/shared';
import type { Request } from 'express';
import type { z } from 'zod';
import { errors } from '../errors.js';

/**
 * Parses one part of a request (params, query, body) with its schema from `shared/`, once, at
 * the edge: what passes is the typed input a service takes; what fails is `invalid_input` (or a
 * text field's own `text_blank` / `text_too_long`) with the fields that are wrong, and nothing
 * else runs.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw errors.invalid(what, parsed.error);
  return parsed.data;
}

/** Reads `Authorization: Bearer <token>`; `token_missing` when absent, `token_invalid` when malformed. */
export function bearerToken(req: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) throw errors.missingToken();
  const parsed = tokenSchema.safeParse(match[1]);
  if (!parsed.success) throw errors.badToken();
  return parsed.data;
}
