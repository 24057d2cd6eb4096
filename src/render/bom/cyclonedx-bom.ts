import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { Signature } from '../../model/discover.js';
import type { AimsRecord, RecordOfKind } from '../../model/record.js';
import type { Revision } from '../../model/snapshot.js';

/**
 * The AI system inventory as a CycloneDX 1.6 BOM, built with the maintained CycloneDX library
 * (the only importer of @cyclonedx/cyclonedx-library). Each AI system is an application
 * component; what it uses (its `components`) is nested in it: models and hosted model APIs as
 * machine-learning-model components with their provider as supplier, libraries as libraries.
 * Risks and impact-assessment status travel as `aims:` properties. Pure and deterministic:
 * the timestamp is the as-of date and every list is sorted.
 */
export interface BomInput {
  records: readonly AimsRecord[];
  signatures: ReadonlyMap<string, Signature>;
  organisation?: string;
  asOf: string;
  toolVersion: string;
  revision?: Revision;
}

/** Signature categories that are, or stand for, a model rather than a library. */
const MODEL_CATEGORIES = new Set(['model-artefact', 'hosted-ai']);

export function cyclonedxBom(input: BomInput): string {
  const organisation = input.organisation ?? 'the organisation';
  const bom = new Models.Bom();
  bom.metadata.timestamp = new Date(`${input.asOf}T00:00:00Z`);
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'aims', { version: input.toolVersion, group: 'aims-as-code' }));
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, `${organisation} AI system inventory`, {
    bomRef: 'aims-inventory',
    description: 'The AI systems of the AI management system (ISO/IEC 42001), from its system records.',
    ...(input.organisation ? { supplier: new Models.OrganizationalEntity({ name: input.organisation }) } : {}),
    ...(input.revision ? { version: input.revision.short } : {}),
  });
  if (input.revision) bom.metadata.properties.add(new Models.Property('aims:commit', input.revision.commit));
  bom.metadata.properties.add(new Models.Property('aims:as-of', input.asOf));

  const risks = input.records.filter((r): r is RecordOfKind<'risk'> => r.kind === 'risk');
  const assessments = input.records.filter((r): r is RecordOfKind<'assessment'> => r.kind === 'assessment');
  const risksOf = risksBySystem(risks);
  for (const system of input.records.filter((r): r is RecordOfKind<'system'> => r.kind === 'system' && r.id !== undefined)) {
    const id = system.id as string;
    const component = new Models.Component(Enums.ComponentType.Application, system.title ?? id, {
      bomRef: id,
      group: 'ai-system',
      ...(system.description ? { description: system.description } : {}),
    });
    const prop = (name: string, value: string | boolean | undefined): void => {
      if (value !== undefined) component.properties.add(new Models.Property(`aims:${name}`, String(value)));
    };
    prop('id', id);
    prop('lifecycle', system.lifecycle);
    prop('role', system.role);
    prop('in-scope', system.in_scope ?? true);
    prop('personal-data', system.personal_data);
    prop('eu-ai-act', system.eu_ai_act);
    for (const s of system.suppliers ?? []) prop('supplier', s);
    for (const repo of system.repositories ?? []) prop('repository', repo);
    for (const r of risksOf(id)) {
      prop('risk', `${r.id ?? '?'}: ${r.likelihood ?? '?'} likelihood, ${r.impact ?? '?'} impact, ${r.status ?? 'open'}${r.title ? ` (${r.title})` : ''}`);
    }
    const own = assessments.filter((a) => a.system === id).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
    const latest = own[0];
    prop('impact-assessment', latest ? `${latest.id ?? '?'} of ${latest.date ?? 'no date'}, ${latest.approved?.date ? `approved ${latest.approved.date}` : 'not approved'}` : 'none');
    for (const name of system.components ?? []) component.components.add(usedComponent(id, name, input.signatures));
    bom.components.add(component);
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}

/** The risks naming a system in `systems`, in record order: indexed once, not filtered again for every system. */
function risksBySystem(risks: readonly RecordOfKind<'risk'>[]): (id: string) => readonly RecordOfKind<'risk'>[] {
  // A `systems` that is not a list (a record with schema errors still counts) is asked as before, string match and all.
  if (risks.some((r) => r.systems !== undefined && !Array.isArray(r.systems))) return (id) => risks.filter((r) => r.systems?.includes(id));
  const index = new Map<string, RecordOfKind<'risk'>[]>();
  for (const r of risks) {
    for (const id of new Set(r.systems)) {
      const list = index.get(id);
      if (list) list.push(r);
      else index.set(id, [r]);
    }
  }
  return (id) => index.get(id) ?? [];
}

/** One entry of a system's `components`: a signature id (or a name aims does not know: taken to be a model). */
function usedComponent(systemId: string, name: string, signatures: ReadonlyMap<string, Signature>): Models.Component {
  const s = signatures.get(name.toLowerCase()) ?? [...signatures.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
  const model = !s || MODEL_CATEGORIES.has(s.category) || (s.hosted && s.category === 'llm-sdk');
  const component = new Models.Component(model ? Enums.ComponentType.MachineLearningModel : Enums.ComponentType.Library, s?.name ?? name, {
    bomRef: `${systemId}/${name}`,
    ...(s?.provider ? { supplier: new Models.OrganizationalEntity({ name: s.provider }) } : {}),
  });
  if (s) {
    component.properties.add(new Models.Property('aims:signature', s.id));
    component.properties.add(new Models.Property('aims:category', s.category));
    if (s.hosted) component.properties.add(new Models.Property('aims:hosted', 'true'));
  }
  return component;
}
