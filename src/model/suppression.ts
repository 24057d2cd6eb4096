/** A rule suppressed for one record with `x-aims-ignore`: never hidden, always listed with its reason. */
export interface Suppression {
  /** The record that declares it. */
  record: string;
  file: string;
  line: number;
  /** A rule id, or an area such as `evidence/*`. */
  rule: string;
  reason: string;
  until?: string;
  expired: boolean;
  /** How many diagnostics it suppressed in this run. */
  matched: number;
}
