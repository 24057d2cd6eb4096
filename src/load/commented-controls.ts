import type { CommentedEntry } from '../model/gap.js';
import type { RecordFile } from '../model/snapshot.js';

/** `# id: A.3.2`: the id line of a SoA entry that `aims init` writes commented out. */
const COMMENTED_ID = /^#[ \t]*id:[ \t]*["']?(A\.[1-9]\d*(?:\.[1-9]\d*)+)["']?[ \t]*(?:#.*)?$/;

/**
 * Annex A ids whose SoA entry waits, commented out, in a record file: the first place each
 * appears. The gap report sends the user there instead of repeating "no decision" per control.
 */
export function commentedControls(files: readonly RecordFile[]): Map<string, CommentedEntry> {
  const out = new Map<string, CommentedEntry>();
  for (const file of files) {
    // Every line COMMENTED_ID matches holds `#`, blanks and `id:`: most files hold none, and are not split into lines.
    if (!('text' in file) || !hasCommentedId(file.text)) continue;
    file.text.split(/\r?\n/).forEach((text, i) => {
      const id = COMMENTED_ID.exec(text.trim())?.[1];
      if (id !== undefined && !out.has(id)) out.set(id, { file: file.path, line: i + 1 });
    });
  }
  return out;
}

/** Whether `#`, blanks and `id:` follow each other somewhere in the text (a search for `#` is far cheaper than a regular expression over every file). */
function hasCommentedId(text: string): boolean {
  for (let hash = text.indexOf('#'); hash !== -1; hash = text.indexOf('#', hash + 1)) {
    let i = hash + 1;
    while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
    if (text.startsWith('id:', i)) return true;
  }
  return false;
}
