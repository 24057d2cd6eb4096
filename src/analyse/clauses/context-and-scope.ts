import type { Finding } from '../../model/gap.js';
import { finding, label, nonEmpty } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 4.1: the organisation's internal and external issues are recorded. */
export const contextIssues: ClauseRule = (ctx) => {
  const contexts = ctx.ofKind('context');
  if (contexts.length === 0) {
    return { evidence: [], findings: [absent('no context record', 'add a `context` record listing internal and external issues')] };
  }
  const findings: Finding[] = [];
  for (const c of contexts) {
    if (!nonEmpty(c.internal_issues)) findings.push(finding(c, `${label(c)} lists no internal issues`, 'list the internal issues that affect the AIMS'));
    if (!nonEmpty(c.external_issues)) findings.push(finding(c, `${label(c)} lists no external issues`, 'list the external issues (law, market, technology)'));
  }
  return { evidence: contexts, findings };
};

/** 4.2: interested parties and what they need are recorded. */
export const interestedParties: ClauseRule = (ctx) => {
  const contexts = ctx.ofKind('context');
  if (contexts.length === 0) {
    return { evidence: [], findings: [absent('no context record', 'add a `context` record with `interested_parties` and their needs')] };
  }
  const findings: Finding[] = [];
  for (const c of contexts) {
    if (!nonEmpty(c.interested_parties)) {
      findings.push(finding(c, `${label(c)} lists no interested parties`, 'list interested parties with their needs'));
      continue;
    }
    for (const party of c.interested_parties) {
      if (!nonEmpty(party.needs)) {
        findings.push(finding(c, `interested party "${party.name ?? '?'}" has no recorded needs`, 'add `needs:` for this party'));
      }
    }
  }
  return { evidence: contexts, findings };
};

/** 4.3: a scope exists, names only real systems, and includes every in-scope system. */
export const scope: ClauseRule = (ctx) => {
  const scopes = ctx.ofKind('scope');
  if (scopes.length === 0) {
    return { evidence: [], findings: [absent('no scope record', 'add a `scope` record with a statement and the systems it covers')] };
  }
  const findings: Finding[] = [];
  const listed = new Set(scopes.flatMap((s) => s.systems ?? []));
  for (const s of scopes) {
    for (const id of s.systems ?? []) {
      const system = ctx.byId.get(id);
      if (!system || system.kind !== 'system') {
        findings.push(finding(s, `${label(s)} lists \`${id}\`, which is not a system record`, 'correct the id or add the system record'));
      } else if (system.in_scope === false) {
        findings.push(finding(s, `${label(s)} lists \`${id}\`, but that system says \`in_scope: false\``, 'remove it from the scope, or set `in_scope: true` on the system'));
      }
    }
  }
  for (const system of ctx.ofKind('system')) {
    if (system.in_scope === false || system.id === undefined || listed.has(system.id)) continue;
    findings.push(finding(system, `${label(system)} is in scope but the scope record does not list it`, `add \`${system.id}\` to \`systems\` in the scope record, or set \`in_scope: false\``));
  }
  return { evidence: scopes, findings };
};
