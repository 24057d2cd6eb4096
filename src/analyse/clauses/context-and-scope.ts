import type { Finding } from '../../model/gap.js';
import { listWords } from '../../model/suggest.js';
import { finding, label, mentions, nonEmpty } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 4.1: the organisation's internal and external issues, and the roles it plays towards AI, are recorded. */
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
  const first = contexts[0];
  if (first && !contexts.some((c) => nonEmpty(c.ai_roles))) {
    findings.push(finding(first, `${label(first)} records none of the organisation's AI roles`, 'list the roles it plays towards AI systems in `ai_roles` (provider, producer, customer, partner, subject, authority)'));
  }
  return { evidence: contexts, findings, reads: ['internal_issues', 'external_issues', 'ai_roles'] };
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
  return { evidence: contexts, findings, reads: ['interested_parties'] };
};

/**
 * 4.3: a scope exists, names only real systems, and includes every in-scope system; a live
 * system left out of it is a justified exclusion; a retired system carries nothing open.
 */
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
  const exclusions = scopes.flatMap((s) => (s.exclusions ?? []).map((e) => ({ scope: s, exclusion: e })));
  for (const { scope: s, exclusion: e } of exclusions) {
    const what = e.what ?? e.system ?? '?';
    if (ctx.trivial(e.justification)) {
      findings.push(finding(s, `${label(s)} excludes "${what}" without a real justification${e.justification ? ` ("${e.justification}")` : ''}`, 'say in a sentence why leaving it out does not weaken the AIMS'));
    }
    const excluded = e.system !== undefined ? ctx.byId.get(e.system) : undefined;
    if (excluded?.kind === 'system' && excluded.in_scope !== false) {
      findings.push(finding(s, `${label(s)} excludes \`${e.system ?? ''}\`, but that system does not say \`in_scope: false\``, 'set `in_scope: false` on the system, or remove the exclusion'));
    }
  }
  for (const system of ctx.ofKind('system')) {
    if (system.id === undefined) continue;
    const id = system.id;
    if (system.in_scope !== false) {
      if (!listed.has(id)) findings.push(finding(system, `${label(system)} is in scope but the scope record does not list it`, `add \`${id}\` to \`systems\` in the scope record, or set \`in_scope: false\``));
    } else if (system.lifecycle !== 'retired' && !exclusions.some(({ exclusion: e }) => e.system === id || mentions(e.what, id))) {
      findings.push(finding(system, `${label(system)} is out of scope (\`in_scope: false\`) but no scope exclusion names it`, `add \`exclusions: [{ what, system: ${id}, justification }]\` to the scope record, or bring it into scope`));
    }
    if (system.lifecycle === 'retired') {
      const open = [
        ...ctx.ofKind('risk').filter((r) => r.status !== 'closed' && (r.systems ?? []).includes(id)),
        ...ctx.ofKind('nonconformity').filter((n) => n.status !== 'closed' && [n.title, n.description, n.source].some((t) => mentions(t, id))),
      ];
      if (open.length > 0) {
        findings.push(finding(system, `${label(system)} is retired but ${listWords(open.map(label), 'and')} ${open.length === 1 ? 'is' : 'are'} still open`, 'close them (or move them to the system that replaced it), or bring the system back into operation'));
      }
    }
  }
  return { evidence: scopes, findings };
};
