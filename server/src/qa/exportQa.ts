import type { QaTrackPublic, QuestionPublic } from '@ideasphere/shared';

const HEADER = ['question_rank', 'id', 'track', 'question', 'status', 'answered', 'upvotes', 'asked_by', 'anonymous', 'edited', 'created_at'];

/** A spreadsheet-safe cell (see exportCsv.ts): quoted when needed, formulas defused. */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Questions of the results: everything asked except what was removed or never approved. */
export function resultQuestions(questions: readonly QuestionPublic[]): QuestionPublic[] {
  return questions.filter((q) => q.status === 'visible' || q.status === 'archived');
}

/**
 * The Q&A as a second table of the session's CSV (after one empty line, only when there are
 * questions): per track in track order, most upvoted first. `trackNames` gives each track's
 * name (the main track's word in the session's language).
 */
export function questionsToCsv(questions: readonly QuestionPublic[], tracks: readonly QaTrackPublic[], trackNames: ReadonlyMap<string, string>): string {
  const order = new Map(tracks.map((t, i) => [t.id, i]));
  const ranked = [...questions].sort(
    (a, b) => (order.get(a.trackId) ?? 0) - (order.get(b.trackId) ?? 0) || b.upvotes - a.upvotes || a.id.localeCompare(b.id),
  );
  let rank = 0;
  let track: string | null = null;
  const rows = ranked.map((q) => {
    rank = q.trackId === track ? rank + 1 : 1;
    track = q.trackId;
    return [rank, q.id, trackNames.get(q.trackId) ?? q.trackId, q.text, q.status, q.answered, q.upvotes, q.author?.name ?? '', q.anonymous, q.edited, q.createdAt]
      .map(cell)
      .join(',');
  });
  return `${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Names as an export shows them: none for a question asked anonymously or in an anonymous session. */
export function withExportNames(questions: readonly QuestionPublic[], sessionAnonymous: boolean): QuestionPublic[] {
  return questions.map((q) => (sessionAnonymous || q.anonymous ? { ...q, author: null } : q));
}
