import type { CommentedEntry } from '../model/gap.js';
import type { RecordFile } from '../model/snapshot.js';

/** `# id: A.3.2`: the id line of a SoA entry that `aims init` writes commented out. */
const COMMENTED_ID = /^#[ \t]*id:[ \t]*["']?(A\.[1-9]\d*(?:\.[1-9]\d*)+)["']?[ \t]*(?:#.*)?$/;
const COMMENTED_ANYWHERE = /#[ \t]*id:/;

/**
 * Annex A ids whose SoA entry waits, commented out, in a record file: the first place each
 * appears. The gap report sends the user there instead of repeating "no decision" per control.
 */
export function commentedControls(files: readonly RecordFile[]): Map<string, CommentedEntry> {
  const out = new Map<string, CommentedEntry>();
  for (const file of files) {
    // Every line COMMENTED_ID matches holds `#`, blanks and `id:`: most files hold none, and are not split into lines.
    if (!('text' in file) || !COMMENTED_ANYWHERE.test(file.text)) continue;
    file.text.split(/\r?\n/).forEach((text, i) => {
      const id = COMMENTED_ID.exec(text.trim())?.[1];
      if (id !== undefined && !out.has(id)) out.set(id, { file: file.path, line: i + 1 });
    });
  }
  return out;
}
