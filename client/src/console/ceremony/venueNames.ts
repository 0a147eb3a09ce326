import type { Language } from '@ideasphere/shared';
import { DEFAULT_VENUE_NAME } from '@ideasphere/shared/ceremonyModel.js';
import { VENUE_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { checkLine } from '@ideasphere/shared/text.js';

/**
 * What is wrong with the venue rows, pointing at the row to fix: two with one name, one the
 * server refused, one with only invisible characters in it, or one over VENUE_NAME_MAX_CHARS.
 */
export type VenueRowsProblem = { kind: 'duplicate' | 'invalid' | 'blank' | 'too_long'; index: number };

/**
 * The `venues` of `POST /api/sessions` from the form's rows: empty rows are left out, except
 * that an empty first row is the default main venue; `names` is undefined (server default)
 * when only the first row exists and it is empty.
 */
export function venueNamesToSend(
  rows: readonly string[],
  language: Language,
): { ok: true; names: string[] | undefined } | { ok: false; problem: VenueRowsProblem } {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const check = checkLine(row, VENUE_NAME_MAX_CHARS);
    let name = check.text;
    if (check.problem === 'too_long') return { ok: false, problem: { kind: 'too_long', index } };
    if (check.problem === 'blank') {
      // A row left empty is no venue; one that holds only invisible characters was pasted.
      if (!/^\s*$/.test(row)) return { ok: false, problem: { kind: 'blank', index } };
      if (index > 0) continue;
      name = DEFAULT_VENUE_NAME[language];
    }
    const folded = name.toLocaleLowerCase();
    if (seen.has(folded)) return { ok: false, problem: { kind: 'duplicate', index } };
    seen.add(folded);
    names.push(name);
  }
  const onlyDefault = names.length === 1 && (rows[0] ?? '').trim() === '';
  return { ok: true, names: onlyDefault ? undefined : names };
}
