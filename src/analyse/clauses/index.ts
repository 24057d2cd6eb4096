import { allOf, type ClauseRule } from './clause-rule.js';
import { auditProgramme, internalAudit } from './audit.js';
import { awareness, competence } from './competence.js';
import { DOCUMENTATION_RULES } from './documentation.js';
import { contextIssues, interestedParties, scope } from './context-and-scope.js';
import { impactAssessment } from './impact.js';
import { nonconformities } from './improvement.js';
import { incidentFollowUp } from './incidents.js';
import { aiPolicy, roles } from './leadership.js';
import { measurement, objectives } from './objectives.js';
import { managementReview, reviewInputs, reviewResults } from './review.js';
import { riskAssessment, riskTreatment, riskTreatmentInOperation } from './risk.js';

/** The clauses with a rule of their own; every other clause falls back to the generic rule. */
export const CLAUSE_RULES: Readonly<Record<string, ClauseRule>> = {
  ...DOCUMENTATION_RULES,
  '4.1': contextIssues,
  '4.2': interestedParties,
  '4.3': scope,
  '5.2': aiPolicy,
  '5.3': roles,
  '6.1.2': riskAssessment,
  '6.1.3': riskTreatment,
  '6.1.4': impactAssessment,
  '6.2': objectives,
  '7.2': competence,
  '7.3': awareness,
  '8.2': riskAssessment,
  '8.3': riskTreatmentInOperation,
  '8.4': impactAssessment,
  '9.1': measurement,
  '9.2.1': internalAudit,
  '9.2.2': auditProgramme,
  '9.3.1': managementReview,
  '9.3.2': reviewInputs,
  '9.3.3': reviewResults,
  '10.2': allOf(nonconformities, incidentFollowUp),
};
