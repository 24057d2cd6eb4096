import { createHash, type Hash } from 'node:crypto';
import { packageVersion, readSchemaTexts } from '../assets.js';
import { cacheKey } from '../validate/cached-checks.js';
import { type CacheFileOptions, readCacheFile, writeCacheFile } from '../workspace/cache-file.js';
import type { GitFacts } from '../workspace/git.js';
import { type EvidenceProbe, probeEvidencePaths } from '../workspace/probe-evidence.js';
import { loadEngine, type RepositoryInputs } from './check.js';

/**
 * The third part of `aims gap --cache`: what the last run printed, kept beside the checks cache
 * (its name + `.gap`), signed the same way, and printed again when every input of the analysis
 * and its report is as it was. Nothing is parsed, checked or judged on a hit.
 *
 * The key is a digest of everything the run reads, in two steps. The first needs no git and no
 * look at the evidence: the aims version (in the file's own key), the schemas, catalogue and
 * wording, the parse path, the root, the snapshot as read (aims.yaml's text, each record file's
 * path and a digest of its bytes, every other field of the snapshot whole: the listed paths and
 * their kinds, the strays, and any field added later; at a commit also git's answers and every
 * entry of its tree) and the run's options (as-of date, today, format and every other option
 * that changes the output). Only when it matches are git's answers
 * awaited and the evidence the records cite (stored beside the key: the record files decide it)
 * looked at again; the second digest adds those (what each cited path is, which are blank) and
 * everything git said (HEAD, the uncommitted changes, the history walk with every signature
 * checked now, each file's history).
 */

/** What a gap run wrote, in order, and its exit code. */
export interface GapOutput {
  /** stderr before the report (the commit judged; why nothing was judged). */
  before: string;
  stdout: string;
  /** stderr after the report (why the exit code is 1). */
  after: string;
  code: number;
}

interface Body {
  /** The first digest (see above). */
  inputs: string;
  /** The second: the whole key. */
  key: string;
  cited: string[];
  output: GapOutput;
}

export interface GapMemo {
  /** The stored output when every input is as stored; undefined otherwise (then the run goes on as if there were no memo). */
  lookup(): Promise<GapOutput | undefined>;
  /** Keeps this run's output under its key; a warning when it could not be written. */
  store(evidence: { cited: readonly string[]; probed?: EvidenceProbe }, output: GapOutput): Promise<string | undefined>;
  /** Why the stored memo could not be used (one line). */
  warning?: string;
}

/**
 * The memo for a run over `inputs` (read by readRepositoryInputs, before anything checked or
 * changed them); `options` is every option of the run that changes what it prints.
 */
export function openGapMemo(cache: CacheFileOptions, inputs: RepositoryInputs, options: unknown): GapMemo {
  const file = { ...cache, file: `${cache.file}.gap` };
  const fileKey = cacheKey([packageVersion(), 'gap', inputs.root]);
  const first = firstDigest(inputs, options);
  // Git's answers are hashed as soon as they come, before the analysis could touch them.
  const facts = inputs.facts?.then(factsDigest);
  facts?.catch(() => undefined); // a failure is reported where the check awaits it
  const read = readCacheFile(file, fileKey);
  const stored = parse(read.body?.toString('utf8'));
  const memo: GapMemo = {
    async lookup() {
      if (stored?.inputs !== first) return undefined;
      // At a commit, the tree (in the first digest) decides the evidence: nothing on disk is looked at.
      const probed = inputs.tree ? undefined : probeEvidencePaths(inputs.root, stored.cited, inputs.loaded.config.maxEvidenceSize);
      const key = secondDigest(first, stored.cited, probed, await facts);
      return key === stored.key ? stored.output : undefined;
    },
    async store(evidence, output) {
      const body: Body = { inputs: first, key: secondDigest(first, evidence.cited, evidence.probed, await facts), cited: [...evidence.cited], output };
      return writeCacheFile(file, fileKey, [Buffer.from(JSON.stringify(body))]);
    },
  };
  if (read.warning !== undefined) memo.warning = read.warning;
  return memo;
}

function firstDigest(inputs: RepositoryInputs, options: unknown): string {
  const engine = loadEngine();
  const hash = createHash('sha256');
  const { recordFiles, ...rest } = inputs.snapshot;
  hashText(hash, JSON.stringify([[...readSchemaTexts()], engine.catalogue, engine.wording, inputs.parse, inputs.root, options], replacer));
  hashText(hash, JSON.stringify(rest, replacer));
  // At a commit (--ref, or --as-of before the last commit): every path's blob, mode and size, which decide what cited evidence shows.
  hashText(hash, JSON.stringify(inputs.tree?.entries ?? null, replacer));
  // Each record file by its path and bytes (a digest, not a copy: thousands of files).
  for (const file of recordFiles) {
    hashText(hash, file.path);
    hashText(hash, 'text' in file ? contentDigest(file.text) : JSON.stringify(file.unreadable));
    hashText(hash, 'blob' in file ? (file.blob ?? '') : '');
  }
  return hash.digest('hex');
}

function secondDigest(first: string, cited: readonly string[], probed: EvidenceProbe | undefined, facts: string | undefined): string {
  return createHash('sha256').update(JSON.stringify([first, cited, probed ?? null, facts ?? null], replacer)).digest('hex');
}

function factsDigest(facts: GitFacts): string {
  return createHash('sha256').update(JSON.stringify(facts, replacer)).digest('hex');
}

/** Each part with its length first, so that no two different sequences of parts hash alike. */
function hashText(hash: Hash, text: string): void {
  hash.update(`${Buffer.byteLength(text)}:`).update(text);
}

function contentDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Maps and sets as their entries (JSON.stringify writes them as {}). */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)];
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return value;
}

/** The stored body when it has the shape this version writes (it is signed, so anything else is an older layout). */
function parse(text: string | undefined): Body | undefined {
  if (text === undefined) return undefined;
  try {
    const body = JSON.parse(text) as Partial<Body> | null;
    const output = body?.output;
    if (!body || typeof body.inputs !== 'string' || typeof body.key !== 'string' || !Array.isArray(body.cited) || !body.cited.every((c) => typeof c === 'string')) return undefined;
    if (!output || typeof output.before !== 'string' || typeof output.stdout !== 'string' || typeof output.after !== 'string' || typeof output.code !== 'number') return undefined;
    return body as Body;
  } catch {
    return undefined;
  }
}
