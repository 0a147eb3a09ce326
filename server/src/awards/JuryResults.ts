/**
 * The jury's side of an award category's result, read from the review machinery (review rounds
 * over the `award_category` scope, see `nominationSubjects.ts`). Injected, so the awards never
 * read review records themselves and tests pass a fake.
 */
export interface JuryResults {
  /** nomination id → the normalised jury score scaled to 0..1, or null when nobody scored it. */
  scoresFor(categoryId: string): Promise<Map<string, number | null>>;
}

/** No jury yet: every nomination unscored (until review rounds are wired in). */
export const noJuryResults: JuryResults = {
  scoresFor: () => Promise.resolve(new Map()),
};
