/** How the big screen lays out idea cards: fewer ideas get bigger cards. */
export interface ScreenGrid {
  columns: number;
  rows: number;
  density: 'roomy' | 'normal' | 'dense';
}

const GRIDS: readonly ScreenGrid[] = [
  { columns: 3, rows: 2, density: 'roomy' },
  { columns: 4, rows: 3, density: 'normal' },
  { columns: 5, rows: 4, density: 'dense' },
];

/**
 * The smallest grid that holds `count` cards, up to 5 × 4: smaller cards would not be
 * readable from the back of a hall, so beyond 20 only the newest (or best) are shown.
 */
export function screenGrid(count: number): ScreenGrid {
  return GRIDS.find((grid) => grid.columns * grid.rows >= count) ?? (GRIDS[GRIDS.length - 1] as ScreenGrid);
}

/** Cards the largest grid holds. */
export const SCREEN_GRID_MAX = 20;
