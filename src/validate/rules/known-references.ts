import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RecordKind } from '../../model/record.js';
import { closest, listWords } from '../../model/suggest.js';
import { type RawRecord, type RecordRef, type Rule, type RuleContext, stringsAt } from '../raw-record.js';

interface Reference {
  from: RecordKind | '*';
  path: string;
  to: RecordKind;
  /** Free text that names a record only when it looks like one of its ids (an owner may be a person). */
  soft?: boolean;
}

/** Which fields name which kind of record (RECORDS.md, "References that aims validate checks"). */
const REFERENCES: readonly Reference[] = [
  { from: 'scope', path: 'systems[]', to: 'system' },
  { from: 'scope', path: 'exclusions[].system', to: 'system' },
  { from: 'risk', path: 'systems[]', to: 'system' },
  { from: 'risk', path: 'treatment.controls[]', to: 'control' },
  { from: 'control', path: 'risks[]', to: 'risk' },
  { from: 'assessment', path: 'system', to: 'system' },
  { from: 'competence', path: 'role', to: 'role' },
  { from: 'audit', path: 'findings[].nonconformity', to: 'nonconformity' },
  { from: 'review', path: 'actions[].nonconformity', to: 'nonconformity' },
  { from: 'nonconformity', path: 'source', to: 'audit', soft: true },
  { from: 'supplier', path: 'systems[]', to: 'system' },
  { from: 'incident', path: 'systems[]', to: 'system' },
  { from: 'incident', path: 'nonconformity', to: 'nonconformity' },
  { from: 'dataset', path: 'systems[]', to: 'system' },
  { from: 'dataset', path: 'supplier', to: 'supplier' },
  { from: '*', path: 'owner', to: 'role', soft: true },
  { from: 'review', path: 'actions[].owner', to: 'role', soft: true },
  { from: 'nonconformity', path: 'corrective_actions[].owner', to: 'role', soft: true },
];

/** Every id a record names exists, and is a record of the expected kind. */
export const knownReferences: Rule = (context) => {
  const prefixes = idPrefixesByKind(context.all);
  const idsOfKind = (kind: RecordKind): string[] => context.all.filter((r) => r.kind === kind && r.id !== undefined).map((r) => r.id as string);
  const out: Diagnostic[] = [];
  for (const record of context.records) {
    for (const ref of REFERENCES) {
      if (ref.from !== '*' && ref.from !== record.kind) continue;
      for (const { value, pointer } of stringsAt(record.data, ref.path)) {
        const d = check(context, record, ref, value, pointer, prefixes, idsOfKind);
        if (d) out.push(d);
      }
    }
  }
  return out;
};

function check(
  context: RuleContext,
  record: RawRecord,
  ref: Reference,
  value: string,
  pointer: string,
  prefixes: ReadonlyMap<RecordKind, ReadonlySet<string>>,
  idsOfKind: (kind: RecordKind) => string[],
): Diagnostic | undefined {
  const location = { file: record.origin.file, document: record.origin.document, pointer };
  const targets = context.byId.get(value);
  if (targets) {
    if (targets.some((t) => t.kind === ref.to)) return undefined;
    const actual = listWords([...new Set(targets.map((t) => t.kind))]);
    return {
      rule: 'ref/wrong-kind',
      severity: 'error',
      message: `\`${shortValue(value)}\` is a ${actual} record, but \`${ref.path.replace(/\[\]/g, '')}\` must name a ${ref.to}`,
      location,
    };
  }
  if (ref.soft && !looksLikeIdOf(value, prefixes.get(ref.to))) return undefined;
  // "A.2.9" where a control is expected: the problem is the Annex A number, not a missing record.
  if (ref.to === 'control' && /^A\.\d/.test(value) && context.catalogue.byId.get(value)?.kind !== 'control') {
    const guess = closest(value, context.catalogue.entries.filter((e) => e.kind === 'control').map((e) => e.id), 2);
    return {
      rule: 'ref/unknown-clause',
      severity: 'error',
      message: `\`${shortValue(value)}\` is not an Annex A control` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
      location,
      hint: 'run `aims catalog` to list the ids',
    };
  }
  // A real Annex A control without its SoA record yet: a did-you-mean to another control would corrupt the data.
  if (ref.to === 'control' && context.catalogue.byId.get(value)?.kind === 'control') {
    const waiting = context.waitingEntry?.(value);
    return {
      rule: 'ref/unknown-id',
      severity: 'error',
      message: `\`${value}\` is an Annex A control, but the Statement of Applicability has no record for it yet` + (waiting ? `: its entry waits, commented out, in ${waiting}` : ''),
      location,
      hint: waiting ? 'uncomment it there and fill in `applicable` and `justification`' : `add a control record \`${value}\` with \`applicable\` and \`justification\``,
    };
  }
  const guess = closest(value, idsOfKind(ref.to));
  return {
    rule: 'ref/unknown-id',
    severity: 'error',
    message: `no ${ref.to} record has the id \`${shortValue(value)}\`` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
    location,
  };
}

/** "ROLE-DPO" → "ROLE": the part of an id before its first separator. */
function idPrefix(id: string): string {
  return id.split(/[-_.]/, 1)[0] ?? id;
}

/** Prefixes that name a kind even before any record of it exists: `source: AUD-2026` names an audit. */
const CONVENTIONAL_PREFIXES: readonly [RecordKind, string][] = [
  ['audit', 'AUD'],
  ['audit', 'AUDIT'],
];

function idPrefixesByKind(records: readonly RecordRef[]): Map<RecordKind, Set<string>> {
  const map = new Map<RecordKind, Set<string>>();
  for (const [kind, prefix] of CONVENTIONAL_PREFIXES) map.set(kind, new Set([...(map.get(kind) ?? []), prefix]));
  for (const r of records) {
    if (r.id === undefined || !/[-_.]/.test(r.id)) continue;
    let set = map.get(r.kind);
    if (!set) map.set(r.kind, (set = new Set()));
    set.add(idPrefix(r.id));
  }
  return map;
}

function looksLikeIdOf(value: string, prefixes: ReadonlySet<string> | undefined): boolean {
  return prefixes !== undefined && !/\s/.test(value) && /[-_.]/.test(value) && prefixes.has(idPrefix(value));
}
