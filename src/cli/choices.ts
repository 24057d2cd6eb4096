/**
 * Option choices the CLI wiring needs before any command runs. Kept apart from the commands
 * so that `aims --version` and `--help` load none of the heavy modules (ajv, yaml, git).
 */
export const VALIDATE_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export const GAP_FORMATS = ['text', 'json', 'markdown'] as const;
export const SOA_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export const DISCOVER_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export type GapFormat = (typeof GAP_FORMATS)[number];
export type SoaFormat = (typeof SOA_FORMATS)[number];
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export type DiscoverFormat = (typeof DISCOVER_FORMATS)[number];
