import type { AnalysisContext } from './context.js';
import { namesRole, sameName } from './context.js';

/** The names a party goes by: a role id also stands for the role's title and its holder. */
function identities(ctx: AnalysisContext, name: string): string[] {
  const role = ctx.byId.get(name.trim());
  if (role?.kind !== 'role') return [name];
  return [name, role.title, role.holder].filter((n): n is string => n !== undefined && n.trim() !== '');
}

/** Whether two free-text names (people, role ids, role titles) are the same party. */
export function sameParty(ctx: AnalysisContext, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = identities(ctx, a);
  const right = identities(ctx, b);
  return left.some((x) => right.some((y) => sameName(x, y)));
}

/** Whether a name is a top-management role (`top_management: true`), its title or its holder. */
export function isTopManagement(ctx: AnalysisContext, name: string | undefined): boolean {
  return ctx.ofKind('role').some((role) => role.top_management === true && (sameName(name, role.id) || namesRole(name, role)));
}

/**
 * Who approved a record that they wrote themselves: the approver when `approved.by` is the
 * record's owner or preparer, else undefined.
 */
export function selfApprover(
  ctx: AnalysisContext,
  record: { owner?: string; prepared_by?: string; approved?: { by?: string } },
): string | undefined {
  const by = record.approved?.by;
  return [record.owner, record.prepared_by].some((author) => sameParty(ctx, author, by)) ? by : undefined;
}
