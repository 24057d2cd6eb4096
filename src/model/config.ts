/** aims.yaml as the core uses it, with every default filled in (schemas/config.schema.json documents each key). */

export const REVIEW_CYCLE_KINDS = ['policy', 'risk', 'assessment', 'audit', 'review'] as const;
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
  };
  maxFileSize: number;
  templates: string;
}

export const CONFIG_FILE = 'aims.yaml';

export const DEFAULT_CONFIG: AimsConfig = {
  records: ['aims/**/*.yaml', 'aims/**/*.yml'],
  reviewCycles: { policy: 'P12M', risk: 'P6M', assessment: 'P12M', audit: 'P12M', review: 'P12M' },
  risk: {
    likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'],
    impact: ['negligible', 'minor', 'moderate', 'major', 'severe'],
    acceptance: 6,
  },
  maxFileSize: 5 * 1024 * 1024,
  templates: 'templates',
};
