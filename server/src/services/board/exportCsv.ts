import type { ClusterPublic, IdeaPublic } from '@ideasphere/shared';

const HEADER = ['rank', 'id', 'title', 'detail', 'category', 'cluster', 'status', 'pinned', 'votes', 'reactions', 'authors', 'created_at'];

/**
 * A spreadsheet-safe cell: quoted when needed, and a leading = + - @ defused so a spreadsheet
 * never runs an idea's text as a formula (CSV injection).
 */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The board as CSV, ranked by votes, with a UTF-8 byte-order mark so spreadsheet programs
 * read Chinese correctly. Authors are empty when the export hides them (anonymous session).
 */
export function ideasToCsv(ideas: readonly IdeaPublic[], clusters: readonly ClusterPublic[]): string {
  const clusterNames = new Map(clusters.map((c) => [c.id, c.name]));
  const ranked = [...ideas].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.id.localeCompare(b.id));
  const rows = ranked.map((idea, index) =>
    [
      index + 1,
      idea.id,
      idea.title,
      idea.detail,
      idea.category ?? '',
      idea.clusterId ? (clusterNames.get(idea.clusterId) ?? '') : '',
      idea.status,
      idea.pinned,
      idea.votes,
      Object.values(idea.reactions).reduce((sum, n) => sum + (n ?? 0), 0),
      idea.authors?.map((a) => a.name).join('; ') ?? '',
      idea.createdAt,
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
