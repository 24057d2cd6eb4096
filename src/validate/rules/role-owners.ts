import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { type Rule, stringsAt } from '../raw-record.js';

/** The fields that name who is accountable: a role id, or a person. */
const OWNER_FIELDS = [
  { kind: '*', path: 'owner' },
  { kind: 'review', path: 'actions[].owner' },
  { kind: 'nonconformity', path: 'corrective_actions[].owner' },
] as const;

/** Words that make a name a job title or a body rather than a person ("DevOps Engineer", "Risk Committee"). */
const TITLE_WORDS = new Set(
  'administrator analyst architect auditor board chief committee coordinator counsel department developer director engineer executive function head lead manager office officer owner president scientist secretary specialist steward supervisor team unit'.split(' '),
);

const normal = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** "CTO", "CISO", "DevOps Engineer", "Head of Data": a role title, not a person's name. */
function looksLikeTitle(value: string): boolean {
  const text = value.trim();
  if (/^[A-Z]{2,6}$/.test(text)) return true;
  return text.split(/[\s,/&()]+/).some((word) => TITLE_WORDS.has(word.toLowerCase()));
}

/** "ROLE-CTO", "ops.lead": an id, judged by the reference rules instead. */
function looksLikeId(value: string): boolean {
  return !/\s/.test(value) && /[-_.]/.test(value);
}

/**
 * An owner must name a role by its id or a person. A role's title in its place is a warning
 * that names the id; a title that no role defines is a warning to define the role.
 */
export const roleOwners: Rule = ({ records, byId, roles }) => {
  const holders = new Set(roles.map((r) => r.holder).filter((h): h is string => h !== undefined).map(normal));
  const out: Diagnostic[] = [];
  for (const record of records) {
    for (const field of OWNER_FIELDS) {
      if (field.kind !== '*' && field.kind !== record.kind) continue;
      for (const { value, pointer } of stringsAt(record.data, field.path)) {
        // Ids are judged by ref/*; a role's holder is a person.
        if (byId.has(value) || holders.has(normal(value))) continue;
        const location = { file: record.origin.file, document: record.origin.document, pointer };
        const role = roles.find((r) => r.title !== undefined && normal(r.title) === normal(value));
        if (role) {
          out.push({
            rule: 'owner/role-title',
            severity: 'warning',
            message: `the owner \`${shortValue(value)}\` is the title of role \`${role.id}\`, not its id`,
            location,
            hint: `write \`${role.id}\`, so the owner follows the role when its title or holder changes`,
          });
        } else if (!looksLikeId(value) && looksLikeTitle(value)) {
          out.push({
            rule: 'owner/role-title',
            severity: 'warning',
            message: `the owner \`${shortValue(value)}\` looks like a role title, but no role record defines it`,
            location,
            hint: 'add a `role` record with its responsibilities and holder and use its id here, or name the accountable person',
          });
        }
      }
    }
  }
  return out;
};
