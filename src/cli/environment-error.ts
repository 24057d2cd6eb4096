/**
 * Failures of the machine rather than of aims: a full disk, a permission, a closed pipe, a
 * missing program. Each is told in one line (exit 2), never as "a bug in aims".
 */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EPIPE: 'the output was closed',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOMEM: 'out of memory',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of links',
  EXDEV: 'it is on another device',
  EBUSY: 'the resource is busy',
  ETXTBSY: 'the file is busy',
  EAGAIN: 'the resource is temporarily unavailable',
};

/** The one line for an operating-system error, or undefined when `error` is not one. */
export function environmentMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return undefined;
  if (syscall === undefined && REASONS[code] === undefined) return undefined;
  const reason = REASONS[code] ?? code;
  const what = syscall ? `cannot ${verb(syscall)}${path ? ` ${path}` : ''}` : 'a system call failed';
  return `${what}: ${reason} (${code})`;
}

/** Only the reason ("no space left on the device (ENOSPC)"). */
export function environmentReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'EIO';
  return `${REASONS[code] ?? error.message} (${code})`;
}

function verb(syscall: string): string {
  if (syscall === 'open' || syscall === 'read' || syscall === 'scandir' || syscall === 'stat' || syscall === 'lstat' || syscall === 'realpath') return 'read';
  if (syscall === 'write' || syscall === 'mkdir' || syscall === 'rename' || syscall === 'copyfile' || syscall === 'unlink' || syscall === 'rmdir') return 'write';
  if (syscall.startsWith('spawn')) return `run ${syscall.slice(6) || 'a program'}`;
  return syscall;
}
