import picomatch from 'picomatch';

/** The only importer of picomatch: compiles the `records` globs of aims.yaml into one predicate. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs]);
}
