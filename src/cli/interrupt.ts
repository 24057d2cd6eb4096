import { rmSync } from 'node:fs';

/**
 * What an interrupted run must undo: temporary files and folders a write has begun. A signal
 * kills the process before any `finally` runs, so writers register here and the signal handler
 * removes what is left, synchronously.
 */
const pending = new Set<string>();

export function cleanupOnInterrupt(target: string): () => void {
  pending.add(target);
  return () => void pending.delete(target);
}

export function removePending(): void {
  for (const target of pending) rmSync(target, { recursive: true, force: true });
  pending.clear();
}
