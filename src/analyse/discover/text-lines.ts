/** Offsets → 1-based line numbers (and line starts), the line starts found once per file and only when needed. */
export interface LineLocator {
  (offset: number): number;
  /** The offset where the line holding `offset` starts. */
  startOf: (offset: number) => number;
}

export function lineLocator(text: string): LineLocator {
  let starts: number[] | undefined;
  const find = (offset: number): number => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const locate = (offset: number): number => find(offset) + 1;
  // A binary search, not a scan back to the previous line break: a long line with many matches stays linear.
  locate.startOf = (offset: number): number => {
    const at = find(offset);
    return (starts as number[])[at] as number;
  };
  return locate;
}
