import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { CopiedFile } from '../model/pack-entry.js';
import type { FileProblem } from '../model/snapshot.js';
import { streamBlob } from './git.js';
import { resolveInside, streamRegularFile } from './read-file.js';

/**
 * Evidence files, by repository-relative path, measured and hashed as a stream under the
 * reading policy (never loaded whole); the pack writer copies each later, again as a stream,
 * and checks that it still has these bytes. Only paths the snapshot's index classified as
 * readable files inside the root reach here, so a refusal now means the file changed during the run.
 */
export async function measureEvidenceFiles(root: string, sources: readonly string[], limit: number): Promise<Map<string, CopiedFile>> {
  const realRoot = realpathSync(root);
  const found = new Map<string, CopiedFile['from']>();
  for (const source of sources) {
    const resolved = resolveInside(realRoot, path.join(root, source));
    if ('problem' in resolved) throw changed(source, resolved.problem.message);
    found.set(source, { file: resolved.real });
  }
  return measure(found, limit);
}

/** The same for evidence as a commit held it (`--ref`): each source's blob, streamed from git. */
export function measureEvidenceBlobs(root: string, blobs: ReadonlyMap<string, string>, limit: number): Promise<Map<string, CopiedFile>> {
  return measure(new Map([...blobs].map(([source, blob]) => [source, { repo: root, blob }])), limit);
}

async function measure(sources: ReadonlyMap<string, CopiedFile['from']>, limit: number): Promise<Map<string, CopiedFile>> {
  const out = new Map<string, CopiedFile>();
  for (const [source, from] of sources) {
    const hash = createHash('sha256');
    const entry = { from, bytes: 0, sha256: '', limit };
    const read = await streamEvidence(entry, (chunk) => hash.update(chunk));
    if ('problem' in read) throw changed(source, read.problem.message);
    out.set(source, { ...entry, bytes: read.bytes, sha256: hash.digest('hex') });
  }
  return out;
}

/** Streams a copied file's bytes from wherever they are, never more than its limit. */
export function streamEvidence(entry: CopiedFile, onChunk: (chunk: Buffer) => void): Promise<{ bytes: number } | { problem: FileProblem }> {
  const { from } = entry;
  return 'file' in from ? Promise.resolve(streamRegularFile(from.file, entry.limit, onChunk)) : streamBlob(from.repo, from.blob, entry.limit, onChunk);
}

/** The refusal when evidence is not what validation saw (or what the pack's manifest already says). */
export function changed(source: string, why: string): InputError {
  return new InputError(`evidence ${source}: ${why}`, 'it changed while aims ran; run aims validate, then try again');
}
