import type { Finding } from '../model/gap.js';
import type { AimsRecord, RecordOfKind } from '../model/record.js';
import { type AnalysisContext, finding, hasExistingEvidence, label, nonEmpty, staleFinding } from './context.js';

/**
 * Annex A controls that records of their own can show working: suppliers (A.10), incidents
 * (A.8.4) and datasets (A.7). An applicable control is judged on those records as well as
 * its SoA entry: each record that falls short is a finding, and each record is traceable
 * evidence. No such records at all adds nothing (the SoA entry and its evidence decide).
 */
export interface RecordCheck {
  records: readonly AimsRecord[];
  findings: Finding[];
}

type Check = (ctx: AnalysisContext) => RecordCheck;

const SERIOUS = new Set(['medium', 'high', 'critical']);

/** Incidents that had happened by the as-of date. */
export function incidentsAsOf(ctx: AnalysisContext): RecordOfKind<'incident'>[] {
  return ctx.ofKind('incident').filter((i) => i.date !== undefined && i.date <= ctx.asOf);
}

const activeSuppliers = (ctx: AnalysisContext) => ctx.ofKind('supplier').filter((s) => s.status !== 'offboarded');
const datasets = (ctx: AnalysisContext) => ctx.ofKind('dataset');

function each<R extends AimsRecord>(records: readonly R[], check: (r: R) => Finding | undefined): RecordCheck {
  return { records, findings: records.map(check).filter((f): f is Finding => f !== undefined) };
}

const CHECKS: Readonly<Record<string, Check>> = {
  'A.10.2': (ctx) =>
    each(activeSuppliers(ctx), (s) =>
      nonEmpty(s.responsibilities) ? undefined : finding(s, `${label(s)} has no allocation of responsibilities`, 'list in `responsibilities` what the supplier does and what stays with you'),
    ),
  'A.10.3': (ctx) => {
    const out = each(activeSuppliers(ctx), (s) => {
      const a = s.agreement;
      if (!a?.reference) return finding(s, `${label(s)} has no agreement recorded`, 'record `agreement: { reference, signed }` and cite the contract in `evidence`');
      if (a.signed !== undefined && a.signed > ctx.asOf) return finding(s, `${label(s)} agreement ${a.reference} is signed only on ${a.signed}`, 'sign the agreement before relying on the supplier');
      if (a.expires !== undefined && a.expires < ctx.asOf) return finding(s, `${label(s)} agreement ${a.reference} expired on ${a.expires}`, 'renew the agreement and update `agreement.expires`');
      if (!hasExistingEvidence(ctx, s)) return finding(s, `${label(s)} cites no existing evidence of its agreement`, 'cite the signed agreement in `evidence`');
      return undefined;
    });
    for (const s of activeSuppliers(ctx)) {
      const stale = staleFinding(ctx, s, s.last_review !== undefined && s.last_review <= ctx.asOf ? s.last_review : undefined, 'supplier', 'last supplier review', 'review the supplier and set `last_review`');
      if (stale) out.findings.push(stale);
    }
    return out;
  },
  'A.8.4': (ctx) =>
    each(
      incidentsAsOf(ctx).filter((i) => SERIOUS.has(i.severity ?? '')),
      (i) => {
        const told = (i.reported_to ?? []).filter((r) => r.date !== undefined && r.date <= ctx.asOf);
        return told.length > 0 ? undefined : finding(i, `${label(i)} (${i.severity ?? '?'}) records nobody who was told about it`, 'record in `reported_to` who was told (users, customers, authorities) and when');
      },
    ),
  'A.7.2': (ctx) =>
    each(datasets(ctx), (d) =>
      nonEmpty(d.systems) && d.intended_use ? undefined : finding(d, `${label(d)} does not say ${!nonEmpty(d.systems) ? 'which AI systems use it' : 'what it may be used for'}`, 'add `systems` and `intended_use`'),
    ),
  'A.7.3': (ctx) => each(datasets(ctx), (d) => (d.provenance ? undefined : finding(d, `${label(d)} does not record how it was acquired`, 'describe the source and how the data was obtained in `provenance`'))),
  'A.7.4': (ctx) =>
    each(datasets(ctx), (d) => {
      const checks = (d.quality_checks ?? []).filter((c) => c.date !== undefined && c.date <= ctx.asOf).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : 1));
      const last = checks[checks.length - 1];
      if (!last) return finding(d, `${label(d)} has no quality check recorded`, 'record `quality_checks: [{ check, date, result }]`');
      if (last.result === 'fail') return finding(d, `${label(d)} failed its latest quality check (${last.check ?? '?'}, ${last.date ?? '?'})`, 'fix the data and record a passing check');
      return staleFinding(ctx, d, last.date, 'dataset', 'latest quality check', 'check the data quality again and record it');
    }),
  'A.7.5': (ctx) =>
    each(datasets(ctx), (d) =>
      d.provenance && d.acquired ? undefined : finding(d, `${label(d)} has no ${!d.provenance ? 'provenance' : 'acquisition date'}`, 'record `provenance` and the date the data (or this version of it) was `acquired`'),
    ),
  'A.7.6': (ctx) =>
    each(
      datasets(ctx).filter((d) => (d.use ?? ['training']).includes('training')),
      (d) => (nonEmpty(d.preparation) ? undefined : finding(d, `${label(d)} is used for training but records no preparation`, 'list the cleaning, labelling and transformation steps in `preparation`')),
    ),
};

/** The records a control can be judged on, and what is wrong with them; undefined for other controls. */
export function checkControlRecords(ctx: AnalysisContext, controlId: string): RecordCheck | undefined {
  return CHECKS[controlId]?.(ctx);
}
