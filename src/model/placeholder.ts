/** The text `aims init` and `aims new` leave for the user to fill in ("Replace with …"). */
const PLACEHOLDER = /^Replace with\b/;

/** Whether a value is scaffold text nobody has replaced yet: validation warns on it, and the gap analysis treats it as absent. */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}
