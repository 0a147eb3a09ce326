import type { ReviewResults } from '@ideasphere/shared';

const HEADER = ['rank', 'submission_id', 'team', 'authors', 'reviews', 'mean', 'normalised', 'spread', 'disagreement', 'shortlisted', 'decision', 'feedback'];

/** A spreadsheet-safe cell (as the board's export): quoted when needed, formulas defused. */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const fixed = (value: number | null) => (value === null ? null : value.toFixed(2));

/**
 * A round's results as CSV for the owner (owners are never blind: team names are in it), best
 * normalised score first, with a UTF-8 byte-order mark so spreadsheet programs read Chinese
 * right, and CRLF line ends.
 */
export function resultsToCsv(results: ReviewResults): string {
  const rows = results.rows.map((row) =>
    [row.rank, row.subjectId, row.title, row.authors.join('; '), row.reviews, fixed(row.mean), fixed(row.normalised), row.spread.toFixed(2), row.disagreement, row.shortlisted, row.decision?.decision ?? null, row.decision?.feedback ?? null]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
