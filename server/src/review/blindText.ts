/** What a blind round puts where a name was. */
export const REDACTED = '▇▇▇';

/** Names shorter than this are left alone: redacting "A" or "王" would shred ordinary words. */
const NAME_MIN_CHARS = 2;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text with every occurrence of the names (team members, the team's name, their
 * organisations) replaced, case-insensitively, longest name first so "Acme Robotics" goes
 * before "Acme". Also catches the names with Markdown escapes (`Team\_X`), as the export
 * writes them.
 */
export function redactNames(text: string, names: readonly string[]): string {
  const variants = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if ([...name].length < NAME_MIN_CHARS) continue;
    variants.add(name);
    variants.add(name.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
  }
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return text;
  return text.replace(new RegExp(ordered.map(escapeRegExp).join('|'), 'giu'), REDACTED);
}
