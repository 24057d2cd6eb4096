import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RecordKind } from '../../model/record.js';
import { closest } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

interface ClauseField {
  from: RecordKind | '*';
  path: string;
  /** `annex-a`: only an Annex A control; `any`: any catalogue entry or an organisation control id. */
  accepts: 'annex-a' | 'any';
}

const CLAUSE_FIELDS: readonly ClauseField[] = [
  { from: '*', path: 'clauses[]', accepts: 'any' },
  { from: 'audit', path: 'scope[]', accepts: 'any' },
  { from: 'audit', path: 'findings[].ref', accepts: 'any' },
  { from: 'nonconformity', path: 'ref', accepts: 'any' },
  { from: 'control', path: 'annex_a[]', accepts: 'annex-a' },
];

/** Clause and Annex A ids exist in the catalogue; an `A.` control id is a real Annex A control. */
export const catalogueIds: Rule = ({ records, catalogue, byId }) => {
  const out: Diagnostic[] = [];
  const allIds = [...catalogue.byId.keys()];
  const controlIds = catalogue.entries.filter((e) => e.kind === 'control').map((e) => e.id);
  for (const record of records) {
    const where = { file: record.origin.file, document: record.origin.document };
    for (const field of CLAUSE_FIELDS) {
      if (field.from !== '*' && field.from !== record.kind) continue;
      for (const { value, pointer } of stringsAt(record.data, field.path)) {
        const entry = catalogue.byId.get(value);
        if (field.accepts === 'annex-a' ? entry?.kind === 'control' : entry !== undefined) continue;
        if (field.accepts === 'any' && byId.get(value)?.some((r) => r.kind === 'control')) continue;
        const candidates = field.accepts === 'annex-a' ? controlIds : allIds;
        const guess = closest(value, candidates, 2);
        out.push({
          rule: 'ref/unknown-clause',
          severity: 'error',
          message:
            `\`${shortValue(value)}\` is not ${field.accepts === 'annex-a' ? 'an Annex A control' : 'a clause or Annex A control'} of ${catalogue.title}` +
            (guess ? ` (did you mean \`${guess}\`?)` : ''),
          location: { ...where, pointer },
          hint: 'run `aims catalog` to list the ids',
        });
      }
    }
    // An SoA entry's id claims to be an Annex A control: it must be one.
    if (record.kind === 'control' && record.id?.startsWith('A.') && catalogue.byId.get(record.id)?.kind !== 'control') {
      const guess = closest(record.id, controlIds, 2);
      out.push({
        rule: 'ref/unknown-clause',
        severity: 'error',
        message:
          `control id \`${shortValue(record.id)}\` looks like an Annex A control but is not one` +
          (guess ? ` (did you mean \`${guess}\`?)` : '') +
          '; an organisation control needs an id without the `A.` prefix',
        location: { ...where, pointer: '/id' },
      });
    }
  }
  return out;
};
