/** A term of a subject (a challenge, a profile) and how much it says about it. */
export interface WeightedTerm {
  term: string;
  /** Importance within the subject: grows with how often it is used, sub-linearly. */
  emphasis: number;
  /** emphasis × rarity across the documents the viewer may see. */
  weight: number;
}

export interface TermStatistics {
  /** Documents the viewer may see. */
  documents: number;
  /** Of those, the ones holding `term`, the subject itself not counted. */
  frequency: (term: string) => number;
}

/**
 * The subject's most distinctive terms, best first: TF-IDF, with the BM25 form of IDF so a term
 * in half the documents weighs almost nothing. Terms no other document holds are dropped:
 * they can match nothing. `counts` is term → weighted occurrences in the subject.
 */
export function distinctiveTerms(counts: ReadonlyMap<string, number>, statistics: TermStatistics, max: number): WeightedTerm[] {
  const weighted: WeightedTerm[] = [];
  const { documents } = statistics;
  for (const [term, count] of counts) {
    const frequency = statistics.frequency(term);
    if (frequency <= 0) continue;
    const rarity = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    const emphasis = 1 + Math.log(count);
    weighted.push({ term, emphasis, weight: emphasis * rarity });
  }
  return weighted.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1)).slice(0, max);
}
