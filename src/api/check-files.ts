import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RecordFile } from '../model/snapshot.js';
import type { SchemaRegistry } from '../validate/schema-registry.js';
import { checkRecordFile, type FileCheck, type ParsePath } from '../validate/validate.js';

/** Below this much YAML, starting a thread costs more than it saves. */
const PARALLEL_FROM_CHARS = 1_500_000;
/**
 * Nor on two cores: a thread loads the parsers and the schema validators again (~0.4 s of CPU
 * for 10,000 records), and the second core is not free (the main thread's garbage collector,
 * git, other work). Measured at 10,000 records (risk-streams, 10 MB) on 2 cores: one thread
 * 1.58 s CPU and 1.66 s wall, two threads 2.00 s CPU and 2.02 s wall (medians of 5).
 */
const PARALLEL_FROM_CORES = 3;

/**
 * Checks every record file, on several threads when there is enough YAML to make it pay:
 * parsing is most of validation's cost and each file is independent. The main thread takes a
 * share too. `threads` (AIMS_THREADS) overrides the choice; 1 keeps everything on this thread.
 */
export async function checkRecordFiles(
  all: readonly RecordFile[],
  schemas: SchemaRegistry,
  threads?: number,
  reuse?: ReadonlyMap<string, FileCheck>,
  parse: ParsePath = 'fast',
): Promise<FileCheck[]> {
  // A file with the same path and bytes as one already checked (the other side of a diff) is not checked again.
  const known = (f: RecordFile): FileCheck | undefined => (reuse && 'blob' in f && f.blob ? reuse.get(reuseKey(f.path, f.blob)) : undefined);
  const files = all.filter((f) => !known(f));
  const fresh = await checkFresh(files, schemas, threads, parse);
  const byPath = new Map(fresh.map((c) => [c.path, c]));
  return all.map((f) => known(f) ?? (byPath.get(f.path) as FileCheck));
}

/** How a file's check is found again: its path and git blob id. */
export function reuseKey(path: string, blob: string): string {
  return `${path}\u0000${blob}`;
}

async function checkFresh(files: readonly RecordFile[], schemas: SchemaRegistry, threads: number | undefined, parse: ParsePath): Promise<FileCheck[]> {
  const size = files.reduce((n, f) => n + weight(f), 0);
  // Never more threads than cores, whatever AIMS_THREADS says: each thread holds its own schemas and parse trees.
  const cores = availableParallelism();
  const wanted = threads !== undefined ? Math.min(threads, cores) : size >= PARALLEL_FROM_CHARS && cores >= PARALLEL_FROM_CORES ? Math.min(cores, 4) : 1;
  if (wanted <= 1 || files.length < 2) return checkYielding(files, schemas, parse);

  const shares = split(files, wanted);
  const [own = [], ...others] = shares;
  const pending = others.map((share) => runWorker(share, parse));
  const mine = await checkYielding(own, schemas, parse);
  const results = [mine, ...(await Promise.all(pending))];
  // Back into the original file order, so output never depends on the thread count.
  const byPath = new Map(results.flat().map((c) => [c.path, c]));
  return files.map((f) => byPath.get(f.path) as FileCheck);
}

/** About this much YAML is checked between two turns of the event loop. */
const YIELD_BYTES = 256 * 1024;

/**
 * Checks files on this thread, giving the event loop a turn every 256 KB or so of YAML, so that
 * work waiting on it (git answering in another process, workers starting) goes on meanwhile,
 * and a Ctrl-C stops a long run promptly instead of after it has answered.
 */
async function checkYielding(files: readonly RecordFile[], schemas: SchemaRegistry, parse: ParsePath): Promise<FileCheck[]> {
  const out: FileCheck[] = [];
  let sinceTurn = 0;
  for (const file of files) {
    out.push(checkRecordFile(file, schemas, parse));
    sinceTurn += weight(file);
    if (sinceTurn >= YIELD_BYTES) {
      sinceTurn = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return out;
}

/** Shares of about equal size (longest files first, each to the lightest share). */
function split(files: readonly RecordFile[], n: number): RecordFile[][] {
  const shares: { files: RecordFile[]; size: number }[] = Array.from({ length: n }, () => ({ files: [], size: 0 }));
  const bySize = [...files].sort((a, b) => weight(b) - weight(a));
  for (const f of bySize) {
    const lightest = shares.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.files.push(f);
    lightest.size += weight(f);
  }
  return shares.map((s) => s.files);
}

function weight(f: RecordFile): number {
  return 'text' in f ? f.text.length : 1;
}

function runWorker(files: RecordFile[], parse: ParsePath): Promise<FileCheck[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./file-worker.js', import.meta.url), { workerData: { files, parse } });
    worker.once('message', (checks: FileCheck[]) => resolve(checks));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a validation thread stopped with exit code ${code}`));
    });
  });
}
