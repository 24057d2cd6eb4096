/** aims discover: signatures of AI use, what a scan found, and how it stands against the inventory. */

export const SIGNATURE_CATEGORIES = ['llm-sdk', 'agent-framework', 'ml-library', 'deep-learning', 'vector-store', 'hosted-ai', 'model-artefact'] as const;
export type SignatureCategory = (typeof SIGNATURE_CATEGORIES)[number];

export const ECOSYSTEMS = ['npm', 'pypi', 'go', 'maven', 'gem', 'cargo', 'nuget'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export const LANGUAGES = ['python', 'javascript', 'go', 'java', 'ruby', 'rust', 'csharp'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Magic {
  offset: number;
  bytes: readonly number[];
}

export interface Signature {
  id: string;
  name: string;
  provider?: string;
  category: SignatureCategory;
  /** Using it sends data to the provider's hosted service. */
  hosted: boolean;
  packages: Partial<Record<Ecosystem, readonly string[]>>;
  imports: Partial<Record<Language, readonly string[]>>;
  hosts: readonly string[];
  files?: { extensions: readonly string[]; magic: readonly Magic[] };
}

/** How a use showed itself. */
export type Indicator = 'dependency' | 'import' | 'endpoint' | 'model-file';

/** One use of AI at one place in one file. */
export interface Detection {
  /** Relative to the scanned root, forward slashes. */
  file: string;
  line: number;
  signature: string;
  category: SignatureCategory;
  indicator: Indicator;
  /** The package, module, host or file type as written. */
  match: string;
  /** Extra facts: "Git LFS pointer", "package-lock.json (transitive)". */
  note?: string;
}

/** A scanned folder (one code repository) and what identifies it. */
export interface ScannedRoot {
  /** As the user gave it (shown in output). */
  display: string;
  /** Absolute path, forward slashes. */
  absolute: string;
  /** Remote URLs of its git repository, if any. */
  remotes: readonly string[];
  /** How its files were listed. */
  listing: 'git' | 'walk' | 'sbom';
  /** Candidate files read, and files skipped for size. */
  filesRead: number;
  skipped: readonly { file: string; reason: string }[];
  /** What a system record's `repositories` must hold to claim it: its path from the AIMS root when inside it, else its clone URL. */
  entry: string;
}

export type DiscoverStatus = 'registered' | 'unlisted' | 'unregistered';

export interface DiscoverFinding extends Detection {
  /** Index into DiscoverResult.roots. */
  root: number;
  status: DiscoverStatus;
  /** The system records that claim the repository (for registered and unlisted). */
  systems: readonly string[];
}

export interface DiscoverResult {
  roots: readonly ScannedRoot[];
  findings: readonly DiscoverFinding[];
  signatures: ReadonlyMap<string, Signature>;
  /** Where each system record is (`aims/systems/chat.yaml:1`), by id: where a next step sends the user. */
  systemFiles?: ReadonlyMap<string, string>;
}

/** What to read of a candidate file, decided by its name: its text (up to a size) or only its first bytes. */
export type ReadPlan = { read: 'text'; maxBytes: number } | { read: 'header' };
