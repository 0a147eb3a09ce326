import { useState } from 'react';

/**
 * Returns the previous value while `key` is unchanged, so derived lists keep their identity
 * (and memoised children skip re-rendering) when only unrelated fields changed.
 */
export function useStable<T>(value: T, key: string): T {
  const [stable, setStable] = useState({ key, value });
  if (stable.key !== key) {
    // Storing information from the previous render: React re-renders at once, without a commit.
    setStable({ key, value });
    return value;
  }
  return stable.value;
}
