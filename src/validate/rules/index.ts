import type { Rule } from '../raw-record.js';
import { catalogueIds } from './catalogue-ids.js';
import { controlTitles } from './control-titles.js';
import { evidencePaths } from './evidence-paths.js';
import { futureDates } from './future-dates.js';
import { knownReferences } from './known-references.js';
import { placeholders } from './placeholders.js';
import { riskScale } from './risk-scale.js';
import { roleOwners } from './role-owners.js';
import { severityScale } from './severity-scale.js';
import { uniqueIds } from './unique-ids.js';

/** The cross-record rules, in the order they run (output is sorted afterwards). */
export const RULE_CHECKS: readonly Rule[] = [uniqueIds, knownReferences, roleOwners, catalogueIds, controlTitles, riskScale, severityScale, evidencePaths, placeholders, futureDates];
