const HAN = /^\p{Script=Han}+$/u;

/**
 * Matched terms as a person reads them. Chinese is indexed in overlapping two-character pieces
 * (防腐, 腐涂, 涂层); shown as they are they look like nonsense, so pieces that overlap by one
 * character are joined back into the run they came from (防腐涂层). Other terms stay as they are,
 * first seen first.
 */
export function readableTerms(terms: readonly string[]): string[] {
  const han = terms.filter((term) => HAN.test(term) && [...term].length === 2);
  const others = terms.filter((term) => !han.includes(term));
  const unused = new Set(han);
  const runs: string[] = [];
  for (const start of han) {
    if (!unused.has(start)) continue;
    // Start a run only where no unused piece leads into it.
    if ([...unused].some((piece) => piece !== start && [...piece][1] === [...start][0])) continue;
    unused.delete(start);
    let run = start;
    for (;;) {
      const last = [...run].at(-1);
      const next = [...unused].find((piece) => [...piece][0] === last);
      if (next === undefined) break;
      unused.delete(next);
      run += [...next][1];
    }
    runs.push(run);
  }
  // Pieces left in a cycle (rare) are shown as they are.
  return [...runs, ...unused, ...others];
}
