import picomatch from 'picomatch';

/**
 * The only importer of picomatch: compiles the `records` globs of aims.yaml into one
 * predicate. A glob starting with `!` subtracts: a path is a record when some positive glob
 * matches it and no negated one does (picomatch alone would OR a negation in, matching
 * nearly everything).
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const positive = globs.filter((g) => !g.startsWith('!'));
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  if (positive.length === 0) return () => false;
  const include = picomatch(positive);
  if (negative.length === 0) return include;
  const exclude = picomatch(negative);
  return (path) => include(path) && !exclude(path);
}

/** Whether any positive glob names `folder` literally (so a folder normally skipped, such as node_modules, is wanted). */
export function globsName(globs: readonly string[], folder: string): boolean {
  return globs.some((g) => !g.startsWith('!') && g.split('/').includes(folder));
}

/** The fixed folder each positive glob starts in ('' for the root): nothing outside these can be a record. */
export function globBases(globs: readonly string[]): string[] {
  return globs.filter((g) => !g.startsWith('!')).map((g) => {
    let base = picomatch.scan(g).base;
    while (base.endsWith('/')) base = base.slice(0, -1);
    return base;
  });
}

/**
 * Folders a negated glob excludes whole (`!aims/drafts/**`): nothing in them can be a record,
 * so they need not be opened at all.
 */
export function excludedFolders(globs: readonly string[]): string[] {
  return globs.filter((g) => g.startsWith('!')).flatMap((g) => {
    const { base, glob } = picomatch.scan(g.slice(1));
    return glob === '**' && base !== '' ? [base.replace(/\/$/, '')] : [];
  });
}
