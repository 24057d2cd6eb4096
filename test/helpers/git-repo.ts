import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Path → content (text, or raw bytes for binary and invalid UTF-8); null deletes the file. */
export type FileTree = Record<string, string | Uint8Array | null>;

export interface Commit {
  /** Files to write (path → content, text or raw bytes); null deletes the file. */
  files?: FileTree;
  message?: string;
  /** ISO date-time for GIT_AUTHOR_DATE and GIT_COMMITTER_DATE. */
  date?: string;
}

/** A fresh temporary directory; removed by the returned cleanup. */
export function tempDir(prefix = 'aims-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function git(dir: string, args: string[], date = '2026-01-15T10:00:00Z'): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.com',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
    },
  });
}

export function writeFiles(dir: string, files: FileTree): void {
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(dir, rel);
    if (content === null) {
      rmSync(target, { force: true });
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

/**
 * A temporary git repository built from commits at chosen dates. `copyFrom` seeds it with a
 * folder (for example one of examples/) as the first commit.
 */
export function makeGitRepo(options: { copyFrom?: string; commits?: Commit[] } = {}): { dir: string; cleanup: () => void } {
  const repo = tempDir('aims-repo-');
  git(repo.dir, ['init', '-q', '-b', 'main']);
  git(repo.dir, ['config', 'commit.gpgsign', 'false']);
  if (options.copyFrom) {
    cpSync(options.copyFrom, repo.dir, { recursive: true });
    git(repo.dir, ['add', '-A']);
    git(repo.dir, ['commit', '-q', '-m', 'seed']);
  }
  for (const commit of options.commits ?? []) {
    writeFiles(repo.dir, commit.files ?? {});
    git(repo.dir, ['add', '-A'], commit.date);
    git(repo.dir, ['commit', '-q', '--allow-empty', '-m', commit.message ?? 'change'], commit.date);
  }
  return repo;
}
