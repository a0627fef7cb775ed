/** Share as a readable percentage, e.g. 0.0312 → "3.1%". */
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** A count with its noun, e.g. "1 row", "3 rows". */
export const countOf = (count: number, noun: string): string =>
  `${count} ${noun}${count === 1 ? '' : 's'}`;
