/** aims.yaml as the core uses it, with every default filled in (schemas/config.schema.json documents each key). */

export const REVIEW_CYCLE_KINDS = ['policy', 'risk', 'assessment', 'audit', 'review', 'objective', 'control', 'document', 'supplier', 'dataset'] as const;
export type ReviewCycleKind = (typeof REVIEW_CYCLE_KINDS)[number];

export interface AimsConfig {
  organisation?: string;
  records: readonly string[];
  /** ISO 8601 durations such as P12M. */
  reviewCycles: Readonly<Record<ReviewCycleKind, string>>;
  risk: {
    likelihood: readonly string[];
    impact: readonly string[];
    acceptance: number;
    /**
     * Where the organisation set its own criteria: aims.yaml and the line of its `risk` key.
     * Absent: the tool's defaults are in use, which clause 6.1.2 does not accept as the organisation's own.
     */
    source?: { file: string; line: number };
  };
  nonconformity: {
    /** The organisation's grades for a nonconformity, most serious first. */
    severities: readonly string[];
    /** The grades that stop certification while an open one has a corrective action past due. */
    blocking: readonly string[];
  };
  maxFileSize: number;
  maxEvidenceSize: number;
  templates: string;
  discover: DiscoverConfig;
  approvals: {
    /** The last change of an approved record must be in a commit with a good signature (git's %G? = G); otherwise 7.5.3 has a finding. */
    requireSignedCommits: boolean;
  };
}

/** `discover:` in aims.yaml. */
export interface DiscoverConfig {
  /** Code folders `aims gap` scans, relative to the AIMS root. */
  paths: readonly string[];
  /** Signatures written in aims.yaml (as in signatures.schema.json#/$defs/signature). */
  signatures: readonly object[];
  /** Signature files named in aims.yaml, relative to the AIMS root. */
  signatureFiles: readonly string[];
  includeVendored: boolean;
}

export const CONFIG_FILE = 'aims.yaml';

/** Audit finding types that are not nonconformities, beside the grades of `nonconformity.severities`. */
export const OTHER_FINDING_TYPES = ['observation', 'opportunity'] as const;

/** The types an audit finding may take under this configuration: the nonconformity grades, then the others. */
export function findingTypes(config: AimsConfig): string[] {
  return [...config.nonconformity.severities, ...OTHER_FINDING_TYPES.filter((t) => !config.nonconformity.severities.includes(t))];
}

export const DEFAULT_CONFIG: AimsConfig = {
  records: ['aims/**/*.yaml', 'aims/**/*.yml'],
  reviewCycles: { policy: 'P12M', risk: 'P6M', assessment: 'P12M', audit: 'P12M', review: 'P12M', objective: 'P6M', control: 'P12M', document: 'P12M', supplier: 'P12M', dataset: 'P12M' },
  risk: {
    likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'],
    impact: ['negligible', 'minor', 'moderate', 'major', 'severe'],
    acceptance: 6,
  },
  nonconformity: { severities: ['major', 'minor'], blocking: ['major'] },
  maxFileSize: 5 * 1024 * 1024,
  maxEvidenceSize: 100 * 1024 * 1024,
  templates: 'templates',
  discover: { paths: [], signatures: [], signatureFiles: [], includeVendored: false },
  approvals: { requireSignedCommits: false },
};

/**
 * The acceptance line when aims.yaml sets scales but no `acceptance`: the default 6 of 25
 * scaled to the matrix, kept strictly between its lowest score (1) and its highest, so that
 * some risks need treatment and some do not (a 2 × 2 gets 2, a 4 × 4 gets 4).
 */
export function defaultAcceptance(likelihoodLevels: number, impactLevels: number): number {
  const highest = likelihoodLevels * impactLevels;
  return Math.min(highest - 1, Math.max(2, Math.round((highest * 6) / 25)));
}
