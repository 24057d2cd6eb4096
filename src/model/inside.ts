import path from 'node:path';

/**
 * Whether `child` is `parent` itself or lies below it, compared as paths (no disk access).
 * `..notes.md` is a name inside; only `..` itself or `../…` climbs out. `paths` is the path
 * flavour of both arguments: the platform's for real paths, posix for repository paths.
 */
export function isInside(parent: string, child: string, paths: path.PlatformPath = path): boolean {
  const rel = paths.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !paths.isAbsolute(rel));
}
