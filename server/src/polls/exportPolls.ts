import type { PollPublic, PollResults } from '@ideasphere/shared';

const HEADER = ['poll', 'poll_id', 'kind', 'question', 'status', 'answered', 'row', 'item', 'value', 'correct'];

/** A spreadsheet-safe cell (see exportCsv.ts): quoted when needed, formulas defused. */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The polls as a table of the session's CSV: one row per option (answers; for a ranking its
 * Borda score, in rank order), per rating score, per word of a cloud (its weight), and per place
 * of a quiz's leaderboard (points), each under its poll's number and question. `row` is the
 * line's kind: `option`, `score`, `word`, `leader`, or `none` for a poll without answers.
 */
export function pollsToCsv(polls: readonly PollPublic[], results: readonly PollResults[]): string {
  const byPoll = new Map(results.map((r) => [r.pollId, r]));
  const rows: (string | number | boolean | null)[][] = [];
  polls.forEach((poll, index) => {
    const r = byPoll.get(poll.id);
    const head = [index + 1, poll.id, poll.kind, poll.question, poll.status, r?.answered ?? 0];
    const text = new Map(poll.options.map((o) => [o.id, o.text]));
    const lines: (string | number | boolean | null)[][] = [];
    if (r) {
      if (poll.kind === 'choice' || poll.kind === 'quiz') {
        for (const o of poll.options) lines.push(['option', o.text, r.counts[o.id] ?? 0, poll.kind === 'quiz' ? o.id === poll.correctOptionId : null]);
      } else if (poll.kind === 'rating') {
        r.ratings.forEach((count, i) => lines.push(['score', i + 1, count, null]));
      } else if (poll.kind === 'ranking') {
        for (const { optionId, score } of r.ranking) lines.push(['option', text.get(optionId) ?? optionId, score, null]);
      } else {
        for (const { word, weight } of r.words) lines.push(['word', word, weight, null]);
      }
      for (const e of r.leaderboard) lines.push(['leader', e.name ?? '', e.points, null]);
    }
    if (lines.length === 0) lines.push(['none', null, null, null]);
    for (const line of lines) rows.push([...head, ...line]);
  });
  return `${[HEADER.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\r\n')}\r\n`;
}
