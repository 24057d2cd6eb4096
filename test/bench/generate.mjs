#!/usr/bin/env node
/**
 * Synthetic, schema-valid AIMS repository for the benchmark.
 *
 *   import { generateAims } from './generate.mjs';
 *   const summary = generateAims(dir, { records: 10000, seed: 42 });
 *
 *   node test/bench/generate.mjs <dir> [--records N] [--seed S]
 *
 * Writes aims.yaml, aims/** and evidence/** into `dir`. The mix of kinds and the shape of each
 * record follow examples/acme (a bank-like organisation with many business units): ~1% AI
 * systems, ~60% risks (YAML streams of 50 a file), impact assessments per system, the 38 Annex A
 * SoA entries, organisation controls, objectives, roles and competence, audits with findings
 * that raise nonconformities, and management reviews. Every cross reference (scope.systems,
 * risk.systems, risk.treatment.controls, control.risks, control.annex_a, assessment.system,
 * competence.role, audit findings -> nonconformity, nonconformity.source -> audit, owners ->
 * roles) names a record that exists, every clause / Annex A id is in the catalogue, and every
 * evidence path is a file that is written. The output is a pure function of (records, seed).
 *
 * The total number of records is exactly `records` (risks absorb the rounding).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CATALOGUE_FILE = path.join(PROJECT_ROOT, 'schemas/catalogue/iso-42001.yaml');

/** Smallest repository the mix makes sense for (fixed records + one of each scaled kind). */
export const MIN_RECORDS = 100;

/**
 * Share of `records` per kind (the rest, after the fixed records, are risks: ~60%).
 * Other mixes: SHAPES below.
 */
export const DEFAULT_MIX = Object.freeze({
  system: 0.01,
  assessment: 0.03, // ~3 per system (initial, annual re-assessment, after material change)
  control: 0.14, // organisation controls, on top of the 38 Annex A SoA entries
  objective: 0.08,
  role: 0.01,
  competence: 0.01, // one per role
  policy: 0.002,
  audit: 0.018,
  review: 0.01,
  nonconformity: 0.08,
});

/** How many records of a kind share one file (1 = a file per record). */
const PER_FILE = Object.freeze({ risk: 50, control: 25, objective: 20, nonconformity: 20 });

/**
 * The risk-heavy organisation of issue 17: at 10,000 records about 8,400 risks, 1,000
 * nonconformities, 200 systems and 200 assessments, little else.
 */
const RISK_MIX = Object.freeze({
  system: 0.02,
  assessment: 0.02,
  control: 0.002,
  objective: 0.002,
  role: 0.002,
  competence: 0.002,
  policy: 0.0005,
  audit: 0.005,
  review: 0.001,
  nonconformity: 0.1,
});

/** Repository shapes for the benchmark: the kinds' mix and how many records share a file. */
export const SHAPES = Object.freeze({
  default: { mix: DEFAULT_MIX, perFile: PER_FILE },
  'risk-streams': { mix: RISK_MIX, perFile: { risk: 10, control: 25, objective: 20, nonconformity: 20 } },
  'one-per-file': { mix: RISK_MIX, perFile: { risk: 1, control: 1, objective: 1, nonconformity: 1 } },
});

// ------------------------------------------------------------------------------------------ PRNG

function hashSeed(seed) {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(seed ?? 'aims-bench')) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
function createRng(seed) {
  let a = hashSeed(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** n distinct items, in list order. */
  const sample = (list, n) => {
    const k = Math.min(n, list.length);
    const chosen = new Set();
    while (chosen.size < k) chosen.add(Math.floor(next() * list.length));
    return [...chosen].sort((x, y) => x - y).map((i) => list[i]);
  };
  /** Weighted choice: entries are [value, weight]. */
  const weighted = (entries) => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, chance, sample, weighted };
}

// ----------------------------------------------------------------------------------------- dates

const DAY = 86_400_000;
const EPOCH_2025 = Date.UTC(2025, 0, 1);
/** Day number (days since 2025-01-01) → YYYY-MM-DD. */
const day = (n) => new Date(EPOCH_2025 + n * DAY).toISOString().slice(0, 10);
const DAY_2026_01_01 = 365;
const DAY_2026_11_15 = 365 + 318;

// ------------------------------------------------------------------------------------- emitting

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN_BLOCK = /^[A-Za-z\u00C0-\u017F][A-Za-z0-9\u00C0-\u017F .,;()/+%'_-]*$/;
const PLAIN_FLOW = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const ID_LIKE = /^[A-Za-z0-9._-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FOLD_OVER = 88;
const WRAP_AT = 92;

function scalar(value, flow = false) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (DATE.test(s)) return s; // YAML 1.2 core schema: a date stays a string
  if (!RESERVED.test(s) && s === s.trim() && (flow ? PLAIN_FLOW : PLAIN_BLOCK).test(s)) return s;
  return JSON.stringify(s); // a JSON string is a valid double-quoted YAML scalar
}

/** `prefix` + value, as a folded block scalar when the text is long. */
function emitValue(prefix, value, contentPad, out) {
  if (typeof value === 'string' && value.length > FOLD_OVER && !value.includes('\n')) {
    out.push(`${prefix}>-`);
    let line = '';
    for (const word of value.split(' ')) {
      if (line && contentPad.length + line.length + 1 + word.length > WRAP_AT) {
        out.push(contentPad + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(contentPad + line);
    return;
  }
  out.push(`${prefix}${scalar(value)}`);
}

function emitMapping(object, pad, out, firstLead = pad) {
  let lead = firstLead;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    emitEntry(key, value, lead, pad, out);
    lead = pad;
  }
}

function emitEntry(key, value, lead, pad, out) {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${lead}${key}: []`);
      return;
    }
    const flow = value.every((v) => typeof v === 'string' && ID_LIKE.test(v)) && value.join(', ').length <= 64;
    if (flow) {
      out.push(`${lead}${key}: [${value.map((v) => scalar(v, true)).join(', ')}]`);
      return;
    }
    out.push(`${lead}${key}:`);
    for (const item of value) {
      if (item !== null && typeof item === 'object') emitMapping(item, `${pad}    `, out, `${pad}  - `);
      else emitValue(`${pad}  - `, item, `${pad}    `, out);
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    out.push(`${lead}${key}:`);
    emitMapping(value, `${pad}  `, out);
    return;
  }
  emitValue(`${lead}${key}: `, value, `${pad}  `, out);
}

/** Records → the text of one YAML stream (`---` between documents). */
function toYaml(records, header) {
  const docs = records.map((record) => {
    const out = [];
    emitMapping(record, '', out);
    return out.join('\n') + '\n';
  });
  return (header ? header.map((l) => `# ${l}\n`).join('') : '') + docs.join('---\n');
}

// ------------------------------------------------------------------------------------ vocabulary

const UNITS = [
  ['RETAIL', 'Retail Lending'],
  ['CARDS', 'Cards'],
  ['PAY', 'Payments'],
  ['INS', 'Insurance'],
  ['WEALTH', 'Wealth Management'],
  ['TREAS', 'Treasury'],
  ['OPS', 'Operations'],
  ['CLAIMS', 'Claims'],
  ['MKT', 'Marketing'],
  ['HR', 'People'],
  ['SME', 'Business Banking'],
  ['GROUP', 'Group Functions'],
];

/** Role functions: id part, title, responsibilities, authorities. */
const FUNCTIONS = [
  ['AI-GOV', 'AI Governance Lead', ['Runs the AI management system for the unit and keeps its records current.', 'Maintains the unit entries of the AI system inventory and the Statement of Applicability.', 'Reports AIMS performance and incidents to the unit executive committee every quarter.'], ['May stop the deployment of an AI system that lacks an approved impact assessment.']],
  ['MODEL-RISK', 'Model Risk Owner', ['Owns the model risk assessments of the unit and signs off residual risk.', 'Commissions independent validation before each release and every year.'], ['May require a model to be withdrawn when validation fails.']],
  ['DPO', 'Data Protection Lead', ['Advises on data protection impact assessments for AI systems that process personal data.', 'Keeps the records of processing for AI training and inference data.'], ['May block the use of a dataset that has no lawful basis.']],
  ['ML-PLATFORM', 'ML Platform Lead', ['Runs the training and serving platform, its monitoring and its access controls.', 'Keeps deployment, rollback and logging procedures for AI systems.'], ['May roll back a model release that breaches an operating threshold.']],
  ['PRODUCT', 'AI Product Owner', ['Defines the intended use and requirements of the unit AI systems.', 'Makes sure users are told when they interact with an AI system.'], []],
  ['AUDIT', 'Internal Auditor', ['Plans and performs internal audits of the AI management system.', 'Reports audit findings to the audit committee.'], ['Has access to every AIMS record and evidence file.']],
  ['DATA', 'Data Steward', ['Keeps the provenance, quality and retention records of datasets used for AI.', 'Approves new data sources for training.'], []],
  ['SECURITY', 'AI Security Lead', ['Assesses AI systems for prompt injection, model theft and data leakage.', 'Runs red-team exercises on customer-facing AI systems.'], ['May disable an AI feature during a security incident.']],
  ['COMPLIANCE', 'Compliance Manager', ['Tracks legal and regulatory requirements that apply to the unit AI systems, including the EU AI Act.'], []],
  ['OPS-LEAD', 'Customer Operations Lead', ['Owns human oversight of AI-assisted customer decisions and complaint handling.', 'Makes sure staff are trained to override AI outputs when needed.'], []],
];

const PEOPLE = [
  'Sofia Lindqvist', 'Marcus Oyelaran', 'Aoife Brennan', 'Tomasz Wiśniewski', 'Priya Natarajan', 'Helen Okafor',
  'Daniel Reyes', 'Chen Wei', 'Fatima Al-Sayed', 'Jonas Becker', 'Lucía Fernández', 'Kwame Mensah', 'Ingrid Solberg',
  'Rahul Mehta', 'Elena Popescu', 'Samuel Adeyemi', 'Hannah Schmidt', 'Yuki Tanaka', 'Olivia Martin', 'Mateo Rossi',
  'Zainab Khan', 'Pieter de Vries', 'Grace Mwangi', 'Noah Kowalski', 'Amelia Dubois', 'Ravi Subramanian',
];

/** AI system archetypes: id part, name, description, personal data, EU AI Act class, role, data, suppliers, typical risk themes. */
const ARCHETYPES = [
  ['CREDIT', 'credit scoring model', 'Gradient-boosted model that estimates the 12-month probability of default for applicants; its score, with affordability rules, drives approve, refer and decline outcomes that an underwriter can review.', true, 'high', 'developer', ['Application form data', 'Credit bureau reports', 'Internal repayment history'], ['Credit reference agency bureau data'], ['bias', 'drift', 'explain', 'overreliance', 'privacy']],
  ['FRAUD', 'fraud detection model', 'Real-time model that scores card and account transactions for fraud and holds high-risk payments for review by the fraud operations team.', true, 'limited', 'developer', ['Transaction history', 'Device fingerprints', 'Confirmed fraud labels'], ['Cloud ML platform'], ['drift', 'bias', 'availability', 'adversarial', 'privacy']],
  ['ASSIST', 'customer support assistant', 'Large-language-model assistant that answers customer questions in chat, grounded in the approved knowledge base, and hands over to a person when unsure.', true, 'limited', 'deployer', ['Customer chat transcripts', 'Knowledge base articles'], ['Foundation model provider', 'Cloud hosting'], ['hallucination', 'injection', 'privacy', 'transparency', 'supplier']],
  ['OCR', 'document extraction service', 'Vendor OCR and classification service that reads payslips, bank statements and identity documents and fills application fields for review.', true, 'minimal', 'deployer', ['Scanned customer documents'], ['OCR software vendor'], ['accuracy', 'supplier', 'privacy', 'retention']],
  ['FORECAST', 'cash-flow forecasting model', 'Time-series model that forecasts daily liquidity needs for the treasury desk; forecasts are advisory and reviewed by a treasury analyst.', false, 'minimal', 'developer', ['Historical cash positions', 'Market data feeds'], ['Market data provider'], ['drift', 'overreliance', 'availability']],
  ['CHURN', 'churn propensity model', 'Model that estimates which customers are likely to leave in the next quarter, used to plan retention offers.', true, 'minimal', 'developer', ['Product holdings', 'Contact history'], [], ['bias', 'privacy', 'purpose']],
  ['TRIAGE', 'claims triage model', 'Classifier that routes incoming claims to fast-track, standard or specialist handling, with handlers able to change the route.', true, 'limited', 'developer', ['Claim forms', 'Policy data', 'Claims history'], [], ['bias', 'explain', 'overreliance', 'accuracy']],
  ['AML', 'transaction monitoring model', 'Machine-learning layer on top of rule-based anti-money-laundering monitoring that prioritises alerts for investigators.', true, 'limited', 'developer', ['Transaction history', 'Customer due diligence data'], ['Screening list provider'], ['drift', 'explain', 'bias', 'adversarial']],
  ['PRICING', 'pricing model', 'Model that proposes risk-based prices within approved bands; underwriters approve prices outside the automated range.', true, 'high', 'developer', ['Quote history', 'Claims experience', 'Third-party risk scores'], ['Data enrichment vendor'], ['bias', 'explain', 'purpose', 'drift']],
  ['CVSCREEN', 'CV screening tool', 'Third-party tool that ranks job applications against role requirements for recruiters, who make every shortlisting decision.', true, 'high', 'user', ['Candidate CVs', 'Job descriptions'], ['HR software vendor'], ['bias', 'transparency', 'supplier', 'explain']],
  ['COPY', 'marketing copy generator', 'General-purpose generative model used by marketing staff to draft campaign text that a person edits and approves.', false, 'gpai', 'user', ['Brand guidelines', 'Approved product terms'], ['Foundation model provider'], ['hallucination', 'ip', 'supplier', 'transparency']],
  ['SEARCH', 'internal knowledge search', 'Retrieval-augmented assistant that answers staff questions from policies and procedures with links to the sources.', false, 'minimal', 'deployer', ['Policy library', 'Procedure manuals'], ['Foundation model provider'], ['hallucination', 'injection', 'access', 'overreliance']],
  ['KYC', 'identity verification service', 'Vendor service that compares a selfie with an identity document photo during remote onboarding, with manual review of low-confidence matches.', true, 'high', 'deployer', ['Identity document images', 'Selfie images'], ['Identity verification vendor'], ['bias', 'adversarial', 'privacy', 'supplier']],
  ['SPEECH', 'call analytics model', 'Speech-to-text and topic classification of recorded customer calls, used to spot complaints and vulnerable customers.', true, 'limited', 'deployer', ['Call recordings'], ['Speech analytics vendor'], ['privacy', 'accuracy', 'retention', 'purpose']],
  ['ITOPS', 'IT anomaly detection model', 'Unsupervised model that flags unusual behaviour in infrastructure metrics for the operations centre.', false, 'minimal', 'developer', ['Infrastructure metrics', 'Incident tickets'], [], ['availability', 'drift', 'overreliance']],
];

const CODENAMES = [
  'Aurora', 'Sentinel', 'Atlas', 'Beacon', 'Compass', 'Harbor', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus',
  'Orion', 'Pioneer', 'Quartz', 'Raven', 'Sierra', 'Tundra', 'Vega', 'Willow', 'Zephyr', 'Cobalt', 'Falcon', 'Granite',
];

/** Risk themes: title, source, description, the Annex A controls that typically treat it. */
const RISK_THEMES = {
  bias: ['{sys} produces unfair outcomes for {group}', 'Bias in training data and proxy variables', 'Features such as {feature} may act as proxies for protected characteristics, so outcomes could differ unjustifiably between groups of {subjects}.', ['A.5.4', 'A.7.4', 'A.6.2.4']],
  drift: ['{sys} performance degrades as {driver} changes', 'Changes in the operating environment (data drift)', 'Shifts in {driver} change the input population, so the model may drift away from the behaviour it was validated on and make more errors for {subjects}.', ['A.6.2.6', 'A.6.2.4']],
  explain: ['Decisions of {sys} cannot be explained to {subjects}', 'Lack of transparency and explainability', 'Reasons given to {subjects} may not reflect what drove the output, so they cannot contest a decision and staff cannot check it.', ['A.8.2', 'A.6.2.7', 'A.9.3']],
  overreliance: ['Staff rely on {sys} without checking its output', 'Automation bias and level of automation', 'Reviewers accept outputs of the {name} without challenge when queues are long, so human oversight exists on paper but not in practice.', ['A.9.2', 'A.9.3', 'A.4.6']],
  privacy: ['{sys} exposes personal data of {subjects}', 'Data protection and confidentiality', 'Personal data of {subjects} used by the {name} could be disclosed through outputs, logs or excessive access, or be used beyond its lawful purpose.', ['A.7.2', 'A.7.5', 'A.8.5']],
  availability: ['Outage of {sys} stops {process}', 'System and infrastructure failure', 'If the {name} is unavailable, work on {process} stops or falls back to a slower manual route, with customer impact within hours.', ['A.6.2.5', 'A.6.2.6', 'A.4.5']],
  adversarial: ['Adversaries evade or manipulate {sys}', 'Security threats specific to AI (adversarial inputs)', 'Organised groups probe the {name} and adapt their behaviour to stay under thresholds, or submit crafted inputs to change its output.', ['A.6.2.4', 'A.6.2.6', 'A.6.1.3']],
  hallucination: ['{sys} states wrong facts about {topic}', 'Reliability of generated output', 'The model may produce fluent but incorrect statements about {topic}, which users may act on without checking.', ['A.6.2.4', 'A.8.2', 'A.9.4']],
  injection: ['Prompt injection makes {sys} reveal data or break rules', 'Security threats specific to AI (prompt injection)', 'Crafted instructions in user input or retrieved documents could make the {name} ignore its guardrails or disclose information it can reach.', ['A.6.2.6', 'A.7.5', 'A.9.4']],
  transparency: ['People are not told they interact with {sys}', 'Lack of transparency towards affected persons', 'Users and {subjects} may not realise that an AI system is involved or what its limits are, which breaches transparency duties.', ['A.8.2', 'A.8.3', 'A.8.5']],
  supplier: ['Supplier of {sys} changes the model without notice', 'Third-party and supplier dependencies', 'The vendor can update or withdraw the model behind the {name}; a silent change could alter behaviour before it is re-validated.', ['A.10.2', 'A.10.3', 'A.10.4']],
  accuracy: ['{sys} extracts or classifies {topic} wrongly', 'Quality of data and model accuracy', 'Errors on {topic} propagate into downstream decisions when the confidence threshold is set too low or reviewers skip checks.', ['A.7.4', 'A.6.2.4', 'A.9.3']],
  retention: ['Data kept by {sys} longer than allowed', 'Data retention and disposal', 'Inputs and logs of the {name} may be kept beyond the retention period, or deleted too early to investigate complaints.', ['A.7.5', 'A.6.2.8', 'A.7.2']],
  purpose: ['{sys} used beyond its intended purpose', 'Use outside intended use (function creep)', 'Teams may reuse outputs of the {name} for decisions it was not designed or validated for, such as {topic}.', ['A.9.4', 'A.9.2', 'A.5.2']],
  ip: ['Generated content from {sys} infringes third-party rights', 'Intellectual property and licensing', 'Drafts may reproduce copyrighted text or trademarks, or conflict with the licence terms of the model provider.', ['A.10.3', 'A.9.4', 'A.8.2']],
  access: ['{sys} shows staff documents they may not see', 'Access control and data segregation', 'Retrieval may ignore document permissions, so staff could read restricted content through answers of the {name}.', ['A.7.5', 'A.6.2.6', 'A.4.4']],
};

const GROUPS = ['older applicants', 'applicants with thin credit files', 'customers in some postcodes', 'non-native speakers', 'customers with disabilities', 'younger customers', 'self-employed customers', 'women returning to work'];
const FEATURES = ['postcode-level affordability', 'employment type', 'device type', 'time at address', 'first name patterns', 'shopping categories'];
const DRIVERS = ['interest rates', 'customer behaviour', 'fraud patterns', 'product mix', 'seasonal demand', 'market volatility', 'channel mix'];
const SUBJECTS = ['applicants', 'customers', 'policyholders', 'employees', 'job candidates', 'investigators'];
const PROCESSES = ['loan decisions', 'payment processing', 'claims handling', 'onboarding', 'customer support', 'treasury planning'];
const TOPICS = ['interest rates and fees', 'repayment options', 'policy cover', 'income figures', 'product eligibility', 'complaint rights'];

const INTERNAL_ISSUES = [
  'Growth plan for 2026-2028 depends on faster, automated decisions in lending and claims.',
  'Data science teams in {n} locations follow different model documentation practices.',
  'Customer contact volumes rose {p}% in 2025, which led to the roll-out of generative AI assistants.',
  'Several legacy scorecards were replaced in 2025; some historical artefacts still need to be disposed of.',
  'The board risk appetite statement sets a low appetite for conduct risk and unfair customer outcomes.',
  'The ML platform is shared by {n} business units with different release cadences.',
  'Model validation capacity is limited to {n} validators for the whole group.',
];
const EXTERNAL_ISSUES = [
  'The EU AI Act treats creditworthiness evaluation and some insurance pricing as high-risk; obligations phase in through 2026-2027.',
  'Consumer protection rules require evidence of good outcomes for retail customers, including those in vulnerable circumstances.',
  'Data protection law restricts solely automated decisions with significant effects on individuals.',
  'Dependence on a small number of cloud and foundation-model suppliers.',
  'Fraud patterns change quickly, including authorised push-payment scams that use synthetic identities.',
  'Supervisors expect model risk management to cover machine-learning and generative AI models.',
];
const PARTIES = [
  ['Retail customers and applicants', ['Fair, explainable decisions and a way to contest them', 'Protection of their personal data']],
  ['Financial conduct and data protection supervisors', ['Evidence of governance over models that affect consumers', 'Timely notification of serious incidents']],
  ['Board of Directors', ['Assurance that AI risk stays within appetite', 'Regular reporting on AI objectives and incidents']],
  ['Employees who use AI outputs', ['Training on when to rely on and when to override AI outputs']],
  ['Technology suppliers (cloud, LLM and OCR vendors)', ['Clear allocation of responsibilities in contracts']],
  ['Investors and funding partners', ['Stable, well-validated models']],
];

const CONTROL_THEMES = [
  ['Independent model validation', 'Models that affect customers need independent challenge before release and every year.', 'A validation team that does not report to model developers tests each model before release and yearly, including fairness and stability tests.', ['A.6.2.4', 'A.5.4']],
  ['Fairness testing', 'Unfair outcomes are the main conduct risk of automated decisions.', 'Adverse impact ratios per protected characteristic are computed quarterly with thresholds that trigger review.', ['A.5.4', 'A.7.4']],
  ['Drift and performance monitoring', 'Model behaviour changes over time and must be watched in production.', 'Population stability, calibration and alert-rate monitors with thresholds, dashboards and on-call response.', ['A.6.2.6']],
  ['LLM guardrails', 'Generative assistants talk to people directly and can reach internal data.', 'Input and output filters, grounding in approved sources, refusal rules and quarterly red-team tests.', ['A.6.2.6', 'A.9.4']],
  ['Human review of adverse decisions', 'People affected by a decision must be able to get it reviewed by a person.', 'Every adverse decision can be reviewed on request by a trained reviewer who can overturn it.', ['A.9.2', 'A.9.3']],
  ['Supplier AI clauses', 'Vendors supply models whose changes affect our outcomes.', 'Contracts require notice of model changes, access to test results and incident reporting within 24 hours.', ['A.10.2', 'A.10.3']],
  ['Dataset provenance register', 'We must know where training data comes from and on what terms.', 'A register of datasets with source, licence, lawful basis, quality checks and retention period.', ['A.7.3', 'A.7.5', 'A.7.2']],
  ['Release gates and rollback', 'Production releases need controlled approval and a way back.', 'Releases pass change management with shadow mode or champion-challenger and a tested rollback.', ['A.6.2.5', 'A.6.1.3']],
  ['AI transparency notices', 'People must be told when AI is involved and how to get help.', 'Standard notices in product journeys and letters, reviewed by compliance each year.', ['A.8.2', 'A.8.3']],
  ['Event logging and retention', 'Decisions and model outputs must be traceable for complaints and audits.', 'Inputs, outputs, model version and reviewer actions are logged and kept for 13 months.', ['A.6.2.8', 'A.7.5']],
  ['AI incident response', 'AI failures need a defined response like any other incident.', 'AI incidents follow the incident process with AI-specific triage, notification and lessons learned.', ['A.8.4', 'A.6.2.6']],
  ['Access control for model assets', 'Models, features and training data are valuable and sensitive.', 'Role-based access to the model registry and feature store, reviewed quarterly.', ['A.4.4', 'A.4.3']],
];

const OBJECTIVE_THEMES = [
  ['Fair outcomes across protected groups', 'Adverse impact ratio of approval rates, lowest group against highest', '>= 0.8', 'fairness'],
  ['Assistant answer accuracy', 'Share of sampled assistant answers rated correct by quality reviewers', 97, 'reliability'],
  ['Timely model validation', 'Share of model releases validated before go-live', 100, 'accountability'],
  ['Impact assessments kept current', 'Share of in-scope AI systems with an impact assessment younger than 12 months', 100, 'accountability'],
  ['AI training completion', 'Share of staff in AI roles who completed the annual AI training', 95, 'AI expertise'],
  ['Fast handling of AI incidents', 'Median days from AI incident report to containment', '<= 5 days', 'safety'],
  ['Data quality of training sets', 'Share of training datasets with documented quality checks', 90, 'data quality'],
  ['Reduce unexplained declines', 'Share of declines with at least two plain-language reasons', 99, 'transparency'],
];

const CLAUSES_FOR_RECORDS = ['4.4', '5.1', '6.1.1', '6.3', '7.1', '7.4', '7.5.1', '7.5.2', '7.5.3', '8.1', '9.1', '10.1'];
const AUDIT_SCOPE_CLAUSES = ['4.3', '5.2', '6.1.2', '6.1.3', '6.1.4', '7.2', '7.5.3', '8.2', '8.3', '8.4', '9.1', '9.3', '10.2'];

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
}

// ----------------------------------------------------------------------------------- catalogue

function readAnnexA() {
  const catalogue = parseYaml(readFileSync(CATALOGUE_FILE, 'utf8'));
  const controls = catalogue.entries.filter((e) => e.kind === 'control').map((e) => ({ id: e.id, title: e.title, parent: e.parent }));
  const objectives = new Map(catalogue.entries.filter((e) => e.kind === 'objective').map((e) => [e.id, e.title]));
  return { controls, objectives };
}

// ------------------------------------------------------------------------------------------ plan

/** records → how many of each kind (exact total; risks take the remainder). */
export function planCounts(records, mix = DEFAULT_MIX, annexACount = 38) {
  if (!Number.isInteger(records) || records < MIN_RECORDS) throw new Error(`records must be an integer >= ${MIN_RECORDS}, not ${records}`);
  const counts = { context: 1, scope: 1, annexA: annexACount };
  for (const [kind, share] of Object.entries(mix)) counts[kind] = Math.max(1, Math.round(records * share));
  counts.competence = Math.min(counts.competence, counts.role);
  counts.assessment = Math.max(counts.assessment, counts.system);
  const others = Object.values(counts).reduce((s, n) => s + n, 0);
  counts.risk = records - others;
  if (counts.risk < 1) throw new Error(`records=${records} is too small for the mix`);
  return counts;
}

// ------------------------------------------------------------------------------------- generate

/**
 * Writes a synthetic AIMS into `dir` (created if missing; should be empty).
 * @returns {{ records: number, files: number, recordFiles: number, evidenceFiles: number, byKind: Record<string, number>, bytes: number, seed: unknown }}
 */
export function generateAims(dir, { records = 10000, seed = 42, shape = 'default' } = {}) {
  const { mix, perFile: PER_FILE } = SHAPES[shape];
  const rng = createRng(seed);
  const { controls: annexA, objectives: annexObjectives } = readAnnexA();
  const counts = planCounts(records, mix, annexA.length);
  const files = new Map(); // repo-relative path → text
  const byKind = {};
  const addFile = (rel, text) => {
    if (files.has(rel)) throw new Error(`generator bug: ${rel} written twice`);
    files.set(rel, text);
  };
  const writeRecords = (rel, list, header) => {
    for (const r of list) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    addFile(rel, toYaml(list, header));
  };
  /** Evidence files: created on first citation, so every cited path exists. */
  const evidence = (rel, body) => {
    if (!files.has(rel)) addFile(rel, body ?? `# ${path.basename(rel)}\n\nSynthetic evidence file generated for the aims benchmark.\n`);
    return rel;
  };
  const recent = () => day(rng.int(DAY_2026_01_01, DAY_2026_11_15));
  const person = () => rng.pick(PEOPLE);
  const maybeClauses = (p = 0.15) => (rng.chance(p) ? rng.sample(CLAUSES_FOR_RECORDS, rng.int(1, 2)) : undefined);
  const url = (slug) => `https://intranet.example.com/aims/${slug}`;

  // ---- roles
  const roles = [];
  for (let i = 0; i < counts.role; i++) {
    const [fnId, fnTitle, responsibilities, authorities] = FUNCTIONS[i % FUNCTIONS.length];
    const [unitId, unitName] = UNITS[Math.floor(i / FUNCTIONS.length) % UNITS.length];
    const cycle = Math.floor(i / (FUNCTIONS.length * UNITS.length));
    const id = `ROLE-${unitId}-${fnId}${cycle ? `-${cycle + 1}` : ''}`;
    roles.push({ id, fn: fnId, unit: unitId, title: `${fnTitle}, ${unitName}${cycle ? ` (${cycle + 1})` : ''}`, responsibilities, authorities });
  }
  const roleIds = roles.map((r) => r.id);
  const rolesOf = (fn) => roles.filter((r) => r.fn === fn).map((r) => r.id);
  const anyRole = () => rng.pick(roleIds);
  const govRoles = rolesOf('AI-GOV').length ? rolesOf('AI-GOV') : roleIds;
  const auditRoles = rolesOf('AUDIT').length ? rolesOf('AUDIT') : roleIds;
  const topRole = govRoles[0];
  /** Most owners are role ids; some records name a person, as real repositories do. */
  const owner = (preferred) => (rng.chance(0.08) ? person() : preferred ?? anyRole());

  // ---- systems
  const systems = [];
  for (let i = 0; i < counts.system; i++) {
    const arch = ARCHETYPES[i % ARCHETYPES.length];
    const [unitId, unitName] = UNITS[Math.floor(i / ARCHETYPES.length) % UNITS.length];
    const cycle = Math.floor(i / (ARCHETYPES.length * UNITS.length));
    const codename = CODENAMES[i % CODENAMES.length];
    const id = `SYS-${unitId}-${arch[0]}${cycle ? `-${cycle + 1}` : ''}`;
    const unitRoles = roles.filter((r) => r.unit === unitId).map((r) => r.id);
    systems.push({ id, arch, unitId, unitName, codename, ownerRole: unitRoles.length ? rng.pick(unitRoles) : anyRole(), inScope: !rng.chance(0.08) });
  }
  if (!systems.some((s) => s.inScope)) systems[0].inScope = true;

  // ---- ids planned ahead, so that risks and controls can name each other
  const riskIds = Array.from({ length: counts.risk }, (_, i) => `RISK-${String(i + 1).padStart(5, '0')}`);
  const orgControls = Array.from({ length: counts.control }, (_, i) => {
    const theme = CONTROL_THEMES[i % CONTROL_THEMES.length];
    return { id: `CTL-${String(i + 1).padStart(4, '0')}`, theme, risks: [] };
  });
  const annexRisks = new Map(annexA.map((c) => [c.id, []]));
  const orgById = new Map(orgControls.map((c) => [c.id, c]));
  const auditIds = Array.from({ length: counts.audit }, (_, i) => `AUD-${2024 + (i % 3)}-${String(Math.floor(i / 3) + 1).padStart(3, '0')}`);
  const ncIds = Array.from({ length: counts.nonconformity }, (_, i) => `NC-${String(i + 1).padStart(4, '0')}`);
  /** Audit dates fall in the year their id names (the last year stops before "today", mid-November 2026). */
  const auditDays = auditIds.map((id) => {
    const start = (Date.UTC(Number(id.slice(4, 8)), 0, 1) - EPOCH_2025) / DAY;
    return rng.int(start + 20, Math.min(start + 340, DAY_2026_11_15 - 30));
  });

  // ---- risks
  const L = ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'];
  const I = ['negligible', 'minor', 'moderate', 'major', 'severe'];
  const riskRecords = [];
  for (let i = 0; i < counts.risk; i++) {
    const sys = systems[i % systems.length];
    const themeKey = rng.pick(sys.arch[8]);
    const [titleT, source, descT, themeControls] = RISK_THEMES[themeKey];
    const vars = {
      sys: `${sys.codename} ${sys.arch[1]}`,
      name: sys.arch[1],
      group: rng.pick(GROUPS),
      feature: rng.pick(FEATURES),
      driver: rng.pick(DRIVERS),
      subjects: rng.pick(SUBJECTS),
      process: rng.pick(PROCESSES),
      topic: rng.pick(TOPICS),
    };
    const li = rng.weighted([[0, 1], [1, 3], [2, 4], [3, 3], [4, 1]]);
    const ii = rng.weighted([[0, 1], [1, 2], [2, 4], [3, 3], [4, 1]]);
    const score = (li + 1) * (ii + 1);
    const id = riskIds[i];
    const linked = [sys.id];
    if (rng.chance(0.2)) linked.push(rng.pick(systems).id);
    const record = {
      kind: 'risk',
      id,
      title: fill(titleT, vars),
      owner: owner(sys.ownerRole),
      updated: recent(),
      clauses: maybeClauses(0.05),
      evidence: rng.chance(0.45)
        ? [evidence(`evidence/risk/${sys.id.toLowerCase()}/${themeKey}-assessment.md`), ...(rng.chance(0.2) ? [url(`risk/${id.toLowerCase()}`)] : [])]
        : undefined,
      systems: [...new Set(linked)],
      source,
      description: fill(descT, vars),
      likelihood: L[li],
      impact: I[ii],
    };
    if (score > 6 || rng.chance(0.3)) {
      const chosen = new Set(rng.sample(themeControls, rng.int(1, 2)));
      for (let k = rng.int(0, 2); k > 0; k--) chosen.add(rng.pick(orgControls).id);
      const controls = [...chosen];
      for (const c of controls) (annexRisks.get(c) ?? orgById.get(c).risks).push(id);
      const option = rng.weighted([['mitigate', 8], ['transfer', 1], ['avoid', 1]]);
      record.treatment = {
        option,
        controls,
        plan: `Apply ${controls.join(', ')} to the ${sys.arch[1]}, check the effect at the next quarterly review and report progress to the risk owner.`,
        due: day(rng.int(DAY_2026_11_15 - 200, DAY_2026_11_15 + 240)),
      };
      record.residual = { likelihood: L[Math.max(0, li - rng.int(1, 2))], impact: I[Math.max(0, ii - rng.int(0, 1))] };
      record.status = rng.weighted([['treating', 6], ['open', 2], ['closed', 1]]);
    } else {
      record.treatment = { option: 'accept', plan: 'Within appetite: monitor through the quarterly risk review.' };
      record.status = 'accepted';
      record.accepted_by = rng.chance(0.5) ? `${person()}, Chief Risk Officer` : person();
    }
    riskRecords.push(record);
  }
  for (let f = 0; f * PER_FILE.risk < riskRecords.length; f++) {
    const chunk = riskRecords.slice(f * PER_FILE.risk, (f + 1) * PER_FILE.risk);
    writeRecords(`aims/risks/register-${String(f + 1).padStart(4, '0')}.yaml`, chunk, [
      `AI risk register, part ${f + 1}. One risk per YAML document.`,
      'Score = likelihood position x impact position (1..5 each); acceptance threshold is 6 (aims.yaml).',
    ]);
  }

  /** A control lists (some of) the risks that name it: a short list, as people keep it. */
  const backRefs = (list) => (list.length ? rng.sample(list, Math.min(list.length, 6)) : undefined);

  // ---- Annex A SoA entries, one file per Annex A objective (as in examples/acme)
  const byObjective = new Map();
  for (const c of annexA) {
    const objective = c.parent;
    if (!byObjective.has(objective)) byObjective.set(objective, []);
    const applicable = !rng.chance(0.05) || c.id === 'A.2.2';
    const ctrl = {
      kind: 'control',
      id: c.id,
      title: c.title,
      owner: owner(rng.pick(govRoles)),
      updated: recent(),
      clauses: maybeClauses(0.1),
      evidence: rng.chance(0.6) ? [evidence(`evidence/controls/soa/${c.id.toLowerCase()}.md`)] : undefined,
      applicable,
      justification: applicable
        ? `Needed across the group because AI systems in ${rng.int(3, UNITS.length)} business units depend on it; see the risk register entries that name it.`
        : 'Not applicable: the organisation does not perform this activity for any AI system in scope, as recorded in the scope statement.',
      status: applicable ? rng.weighted([['implemented', 6], ['partial', 3], ['planned', 1]]) : undefined,
      implementation: applicable ? `Implemented through the organisation controls mapped to ${c.id} and the group AI standard, section ${rng.int(2, 9)}.${rng.int(1, 12)}.` : undefined,
      risks: backRefs(annexRisks.get(c.id)),
    };
    byObjective.get(objective).push(ctrl);
  }
  for (const [objective, list] of byObjective) {
    writeRecords(`aims/controls/soa-${objective.toLowerCase().replace(/\./g, '')}.yaml`, list, [
      `Statement of Applicability - ${objective} ${annexObjectives.get(objective) ?? ''}`.trim(),
    ]);
  }

  // ---- organisation controls, 25 a file
  const orgRecords = orgControls.map((c, i) => {
    const [name, justification, implementation, annex] = c.theme;
    const sys = systems[i % systems.length];
    return {
      kind: 'control',
      id: c.id,
      title: `${name} - ${sys.unitName} ${sys.codename}`,
      owner: owner(sys.ownerRole),
      updated: recent(),
      evidence: rng.chance(0.3) ? [evidence(`evidence/controls/${c.id.toLowerCase()}.md`)] : undefined,
      applicable: true,
      justification,
      status: rng.weighted([['implemented', 6], ['partial', 2], ['planned', 1], ['not-started', 1]]),
      implementation,
      risks: backRefs(c.risks),
      annex_a: rng.chance(0.9) ? annex : rng.sample(annexA.map((a) => a.id), 2),
    };
  });
  for (let f = 0; f * PER_FILE.control < orgRecords.length; f++) {
    writeRecords(`aims/controls/organisation-${String(f + 1).padStart(3, '0')}.yaml`, orgRecords.slice(f * PER_FILE.control, (f + 1) * PER_FILE.control), [
      "The organisation's own controls, mapped to the Annex A controls they serve.",
    ]);
  }

  // ---- systems
  for (const sys of systems) {
    const [, name, description, personal, act, role, data, suppliers] = sys.arch;
    writeRecords(`aims/systems/${sys.id.toLowerCase()}.yaml`, [
      {
        kind: 'system',
        id: sys.id,
        title: `${sys.codename} ${name} (${sys.unitName})`,
        owner: sys.ownerRole,
        updated: recent(),
        evidence: [evidence(`evidence/systems/model-cards/${sys.id.toLowerCase()}.md`)],
        description,
        lifecycle: rng.weighted([['operation', 6], ['deployment', 1], ['development', 1], ['verification', 1], ['design', 1], ['retired', 0.3]]),
        role,
        intended_use: `Used by ${sys.unitName} for ${name} decisions within the limits in the model card; not to be used for other purposes without a new impact assessment.`,
        in_scope: sys.inScope,
        personal_data: personal,
        eu_ai_act: act,
        suppliers: suppliers.length ? suppliers : undefined,
        data,
      },
    ]);
  }

  // ---- assessments: every system gets at least one
  for (let i = 0; i < counts.assessment; i++) {
    const sys = systems[i % systems.length];
    const round = Math.floor(i / systems.length);
    const personal = sys.arch[3];
    // Later rounds (50,000 records) would run past the as-of date and today: no later than mid-November.
    const date = day(Math.min(rng.int(DAY_2026_01_01 - 365 + round * 120, DAY_2026_01_01 + round * 120 + 100), DAY_2026_11_15));
    const impacts = rng.sample(['individuals', 'groups', 'society'], rng.int(1, 3)).map((group) => ({
      group,
      description: `${group === 'individuals' ? 'A wrong output' : group === 'groups' ? 'Systematic error' : 'At scale, the system'} could affect ${rng.pick(SUBJECTS)} through ${rng.pick(TOPICS)}, for example by ${rng.pick(['a wrong decline', 'a delayed payment', 'an unfair price', 'a misleading answer', 'loss of privacy'])}.`,
      severity: rng.weighted([['low', 2], ['medium', 4], ['high', 3], ['critical', 0.5]]),
    }));
    writeRecords(`aims/assessments/${sys.id.toLowerCase()}-${round + 1}.yaml`, [
      {
        kind: 'assessment',
        id: `AIA-${sys.id.slice(4)}-${round + 1}`,
        title: `Impact assessment ${round + 1} - ${sys.codename} ${sys.arch[1]}`,
        owner: owner(sys.ownerRole),
        updated: date,
        evidence: rng.chance(0.7) ? [evidence(`evidence/assessments/${sys.id.toLowerCase()}-${round + 1}.md`)] : undefined,
        system: sys.id,
        date,
        impacts,
        mitigations: rng.sample(['Every adverse output can be reviewed by a person on request.', 'Quarterly fairness and accuracy testing.', 'Independent validation before each release.', 'Clear notice to users that AI is involved.', 'Confidence thresholds route uncertain cases to staff.'], rng.int(1, 3)),
        dpia: personal ? evidence(`evidence/dpia/${sys.id.toLowerCase()}.md`) : undefined,
        approved: rng.chance(0.85) ? { by: `${person()}, ${rng.pick(['Chief Risk Officer', 'AI Governance Lead', 'Data Protection Officer'])}`, date } : undefined,
      },
    ]);
  }

  // ---- context and scope
  writeRecords('aims/context.yaml', [
    {
      kind: 'context',
      id: 'CTX-001',
      title: 'Context of the AI management system',
      owner: topRole,
      updated: recent(),
      evidence: [evidence('evidence/context/stakeholder-analysis.md'), 'https://www.example.org/regulation/ai-act-overview'],
      internal_issues: INTERNAL_ISSUES.map((t) => fill(t, { n: rng.int(2, 9), p: rng.int(12, 45) })),
      external_issues: EXTERNAL_ISSUES,
      interested_parties: PARTIES.map(([name, needs]) => ({ name, needs })),
      ai_roles: ['provider', 'customer', 'subject'],
    },
  ]);
  const excluded = systems.filter((s) => !s.inScope);
  writeRecords('aims/scope.yaml', [
    {
      kind: 'scope',
      id: 'SCOPE-001',
      title: 'Scope of the AI management system',
      owner: topRole,
      updated: recent(),
      clauses: ['4.4'],
      evidence: [evidence('evidence/scope/scope-approval.md'), evidence('evidence/scope/aims-process-map.md')],
      statement: `The AI management system covers the design, development, procurement, deployment, operation and retirement of AI systems used by the ${UNITS.length} business units of the group, and the supporting data science, ML platform and governance functions.`,
      systems: systems.filter((s) => s.inScope).map((s) => s.id),
      boundaries: 'Includes all AI systems listed here, the ML platform they run on and the teams that build, buy, run and oversee them. Interfaces with the information security management system, which remains separately managed.',
      exclusions: excluded.length
        ? excluded.map((s) => ({ what: `${s.codename} ${s.arch[1]} (${s.id})`, justification: 'Operated by an external partner under its own management system and managed through supplier controls instead.' }))
        : undefined,
      approved: { by: 'Executive Committee', date: day(DAY_2026_01_01 + 40) },
    },
  ]);

  // ---- policies
  for (let i = 0; i < counts.policy; i++) {
    const id = `POL-${String(i + 1).padStart(3, '0')}`;
    writeRecords(`aims/policies/${id.toLowerCase()}.yaml`, [
      {
        kind: 'policy',
        id,
        title: i === 0 ? 'Group AI Policy' : `${rng.pick(['AI risk and impact assessment', 'Acceptable use of generative AI', 'AI supplier management', 'AI data management', 'Human oversight of AI decisions', 'AI incident management'])} procedure${i > 6 ? ` (${UNITS[i % UNITS.length][1]})` : ''}`,
        owner: owner(rng.pick(govRoles)),
        updated: recent(),
        clauses: maybeClauses(0.4),
        evidence: [evidence(`evidence/policy/${id.toLowerCase()}-signed.md`)],
        statements: rng.sample(
          [
            'Every AI system we build or buy is recorded in the AI system inventory before it touches live data.',
            'Every in-scope AI system has a named owner, an impact assessment and a risk assessment reviewed at least yearly.',
            'We set measurable objectives for fairness, accuracy and reliability and report progress to the Board every quarter.',
            'Models that influence customer decisions are validated by a team independent of the developers.',
            'We explain to customers when they interact with an AI system and how automated decisions about them are made.',
            'We meet applicable legal requirements, including the EU AI Act and data protection law.',
            'We continually improve this management system using audits, incidents and feedback from interested parties.',
          ],
          rng.int(3, 6),
        ),
        approved: { by: i === 0 ? 'Board of Directors' : `${person()}, AI Governance Lead`, date: day(DAY_2026_01_01 + rng.int(0, 120)) },
        communicated_to: ['All employees (intranet notice and mandatory e-learning)', 'Contractors working on AI systems'],
        related_policies: i === 0 ? ['Information Security Policy', 'Data Protection Policy'] : ['POL-001 Group AI Policy'],
      },
    ]);
  }

  // ---- roles and competence
  for (const role of roles) {
    writeRecords(`aims/roles/${role.id.toLowerCase()}.yaml`, [
      {
        kind: 'role',
        id: role.id,
        title: role.title,
        owner: role.id === topRole ? 'Board of Directors' : topRole,
        holder: person(),
        updated: recent(),
        evidence: rng.chance(0.5) ? [evidence('evidence/roles/raci-matrix.csv', 'role,responsible,accountable\n')] : undefined,
        responsibilities: role.responsibilities,
        authorities: role.authorities.length ? role.authorities : undefined,
      },
    ]);
  }
  for (let i = 0; i < counts.competence; i++) {
    const role = roles[i];
    const holders = Array.from({ length: rng.int(1, 3) }, () => {
      const name = person();
      const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '-');
      return { name, evidence: [evidence(`evidence/competence/certificates/${slug}.txt`, `Certificate of completion: ${name}\n`), evidence('evidence/competence/training-register.csv', 'name,course,date\n')] };
    });
    writeRecords(`aims/competence/${role.id.toLowerCase()}.yaml`, [
      {
        kind: 'competence',
        id: `COMP-${role.id.slice(5)}`,
        title: `Competence - ${role.title}`,
        owner: role.id,
        updated: recent(),
        role: role.id,
        required: ['Working knowledge of AI management system requirements', 'Understanding of the EU AI Act and sector regulation', 'Risk management experience'].slice(0, rng.int(1, 3)),
        holders,
        training: [{ name: rng.pick(['AI management system lead implementer course', 'EU AI Act for financial services', 'Fairness testing for machine-learning models', 'Secure use of large language models']), date: day(rng.int(DAY_2026_01_01 - 200, DAY_2026_11_15)) }],
      },
    ]);
  }

  // ---- objectives, 20 a file
  const objectiveRecords = Array.from({ length: counts.objective }, (_, i) => {
    const [title, metric, target, category] = OBJECTIVE_THEMES[i % OBJECTIVE_THEMES.length];
    const sys = systems[i % systems.length];
    const start = rng.int(DAY_2026_01_01 - 120, DAY_2026_01_01 + 60);
    const measurements = Array.from({ length: rng.int(0, 5) }, (_, k) => ({
      date: day(start + 30 + k * 60),
      value: typeof target === 'number' ? Math.round((target - rng.next() * 6) * 10) / 10 : `${(0.7 + rng.next() * 0.25).toFixed(2)}`,
    }));
    return {
      kind: 'objective',
      id: `OBJ-${String(i + 1).padStart(4, '0')}`,
      title: `${title} - ${sys.codename} ${sys.arch[1]}`,
      owner: owner(sys.ownerRole),
      updated: recent(),
      evidence: rng.chance(0.3) ? [evidence(`evidence/objectives/${sys.id.toLowerCase()}-kpi.csv`, 'date,value\n')] : undefined,
      metric,
      target,
      due: day(DAY_2026_11_15 + rng.int(30, 400)),
      category,
      measurements: measurements.length ? measurements : undefined,
      status: rng.weighted([['on-track', 5], ['at-risk', 2], ['achieved', 1], ['not-started', 1], ['missed', 0.5]]),
    };
  });
  for (let f = 0; f * PER_FILE.objective < objectiveRecords.length; f++) {
    writeRecords(`aims/objectives/objectives-${String(f + 1).padStart(3, '0')}.yaml`, objectiveRecords.slice(f * PER_FILE.objective, (f + 1) * PER_FILE.objective), [
      'AI objectives, reported quarterly to the Executive Committee.',
    ]);
  }

  // ---- audits and nonconformities: ~60% of nonconformities come from audit findings
  const ncSource = new Map(); // nc id → { audit, findingId, ref }
  const findingsByAudit = new Map(auditIds.map((a) => [a, []]));
  const fromAudits = Math.round(ncIds.length * 0.6);
  for (let k = 0; k < fromAudits; k++) {
    const audit = auditIds[k % auditIds.length];
    const findings = findingsByAudit.get(audit);
    const ref = rng.chance(0.5) ? rng.pick(AUDIT_SCOPE_CLAUSES) : rng.pick(annexA).id;
    const finding = {
      id: `F-${String(findings.length + 1).padStart(2, '0')}`,
      type: rng.weighted([['minor', 4], ['major', 1]]),
      description: `Records for ${ref} were incomplete for ${rng.pick(systems).codename}: ${rng.pick(['evidence of review was missing', 'the procedure was not followed', 'the retention period was not met', 'approvals were given after go-live', 'training records were not kept'])}.`,
      ref,
      nonconformity: ncIds[k],
    };
    findings.push(finding);
    ncSource.set(ncIds[k], { audit, finding: finding.id, ref, raised: auditDays[k % auditIds.length] + rng.int(1, 20) });
  }
  for (let i = 0; i < auditIds.length; i++) {
    const id = auditIds[i];
    const findings = findingsByAudit.get(id);
    for (let k = rng.int(1, 3); k > 0; k--) {
      findings.push({
        id: `F-${String(findings.length + 1).padStart(2, '0')}`,
        type: rng.weighted([['observation', 2], ['opportunity', 1]]),
        description: rng.pick(['KPI figures are collected by hand from several dashboards; automating this would reduce errors.', 'The origin of some historical training extracts is not recorded.', 'Role descriptions do not yet mention AI oversight duties.', 'Supplier questionnaires do not ask about model change notification.']),
        ref: rng.pick(AUDIT_SCOPE_CLAUSES),
      });
    }
    const date = day(auditDays[i]);
    const slug = id.toLowerCase();
    writeRecords(`aims/audits/${slug}.yaml`, [
      {
        kind: 'audit',
        id,
        title: `Internal audit ${id.slice(4)} - ${UNITS[i % UNITS.length][1]}`,
        owner: owner(rng.pick(auditRoles)),
        updated: date,
        evidence: [evidence(`evidence/audit/${slug}-plan.md`), evidence(`evidence/audit/${slug}-report.md`)],
        date,
        auditor: `${person()}, Internal Audit`,
        independent: !rng.chance(0.1),
        scope: [...rng.sample(AUDIT_SCOPE_CLAUSES, rng.int(3, 8)), ...rng.sample(annexA.map((a) => a.id), rng.int(1, 5))],
        findings,
      },
    ]);
  }
  const ncRecords = ncIds.map((id) => {
    const src = ncSource.get(id);
    const raisedDay = src ? src.raised : rng.int(DAY_2026_01_01 - 300, DAY_2026_11_15 - 20);
    const raised = day(raisedDay);
    const closed = rng.chance(0.55);
    const actions = Array.from({ length: rng.int(1, 3) }, () => {
      const done = closed || rng.chance(0.3);
      return {
        action: rng.pick(['Update the procedure and brief the team', 'Add a quarterly reconciliation of records', 'Automate the evidence export', 'Retrain the model with corrected labels', 'Add the check to the release gate']),
        owner: rng.chance(0.9) ? anyRole() : person(),
        due: day(raisedDay + rng.int(30, 150)),
        status: done ? 'done' : 'open',
        done: done ? day(Math.min(raisedDay + rng.int(10, 140), DAY_2026_11_15)) : undefined,
      };
    });
    return {
      kind: 'nonconformity',
      id,
      title: src ? `Audit finding ${src.audit} ${src.finding}` : `Incident-driven nonconformity ${id.slice(3)}`,
      owner: owner(),
      updated: recent(),
      evidence: rng.chance(0.5) ? [evidence(`evidence/nonconformity/${id.toLowerCase()}.md`)] : undefined,
      raised,
      description: src
        ? `Raised from audit ${src.audit} finding ${src.finding} against ${src.ref}; the requirement was not met for part of the audit period.`
        : `AI incident INC-${rng.int(2025, 2026)}-${String(rng.int(1, 999)).padStart(3, '0')} showed that ${rng.pick(['monitoring thresholds were not set', 'a model change was released without validation', 'logs were deleted too early', 'a complaint was not escalated'])}.`,
      source: src ? src.audit : rng.pick(['Incident report from customer operations', 'Monitoring alert review', 'Customer complaint analysis']),
      ref: src ? src.ref : rng.pick(['8.1', '9.1', 'A.6.2.6', 'A.6.2.8', 'A.8.4']),
      severity: rng.weighted([['minor', 4], ['major', 1]]),
      correction: 'The immediate gap was closed and affected cases were re-checked.',
      root_cause: rng.chance(0.8) ? rng.pick(['The procedure did not say who was responsible.', 'Training did not cover the new requirement.', 'Two teams used different tools and records were not reconciled.']) : undefined,
      corrective_actions: actions,
      effectiveness: closed ? { verified: day(Math.min(raisedDay + rng.int(150, 250), DAY_2026_11_15)), by: `${person()}, Internal Audit`, effective: !rng.chance(0.1) } : undefined,
      status: closed ? 'closed' : 'open',
    };
  });
  for (let f = 0; f * PER_FILE.nonconformity < ncRecords.length; f++) {
    writeRecords(`aims/nonconformities/nonconformities-${String(f + 1).padStart(3, '0')}.yaml`, ncRecords.slice(f * PER_FILE.nonconformity, (f + 1) * PER_FILE.nonconformity), [
      'Nonconformities and their corrective actions.',
    ]);
  }

  // ---- management reviews
  for (let i = 0; i < counts.review; i++) {
    const id = `MR-${String(i + 1).padStart(3, '0')}`;
    const date = day(rng.int(DAY_2026_01_01 - 600, DAY_2026_11_15 - 10));
    writeRecords(`aims/reviews/${id.toLowerCase()}.yaml`, [
      {
        kind: 'review',
        id,
        title: `AIMS management review ${i + 1} - ${UNITS[i % UNITS.length][1]}`,
        owner: owner(rng.pick(govRoles)),
        updated: date,
        clauses: maybeClauses(0.3),
        evidence: [evidence(`evidence/review/${id.toLowerCase()}-minutes.md`)],
        date,
        attendees: rng.sample(PEOPLE, rng.int(4, 8)).map((p) => `${p}, ${rng.pick(['Chief Risk Officer (chair)', 'AI Governance Lead', 'Model Risk Owner', 'Data Protection Officer', 'ML Platform Lead', 'Head of Customer Operations'])}`),
        inputs: [
          'Status of actions from the previous review',
          `Internal audit ${rng.pick(auditIds)} results`,
          `Status of nonconformities ${rng.sample(ncIds, 3).join(', ')}`,
          'Results against AI objectives',
          'Risk register changes and monitoring results',
        ],
        decisions: rng.sample(['The AI policy and scope remain suitable.', 'Approve funding for longer log retention.', 'Accept the listed risks at their current level.', 'Add one validator post in next year budget.', 'Raise the priority of the dataset provenance register.'], rng.int(2, 4)),
        actions: Array.from({ length: rng.int(1, 5) }, () => ({
          action: rng.pick(['Deliver longer retention for assistant logs', 'Re-assess the forecasting model impact assessment', 'Set up a dataset provenance register', 'Include AI clauses in supplier contract renewals']),
          owner: anyRole(),
          due: day(rng.int(DAY_2026_01_01, DAY_2026_11_15 + 200)),
          status: rng.weighted([['open', 3], ['done', 2]]),
        })),
      },
    ]);
  }

  // ---- config
  addFile(
    'aims.yaml',
    [
      '# Synthetic AIMS for the aims benchmark (test/bench/generate.mjs).',
      'organisation: Bench Financial Group plc',
      'records: ["aims/**/*.yaml", "aims/**/*.yml"]',
      'review_cycles:',
      '  policy: P12M',
      '  risk: P6M',
      '  assessment: P12M',
      '  audit: P12M',
      '  review: P12M',
      'risk:',
      '  likelihood: [rare, unlikely, possible, likely, almost-certain]',
      '  impact: [negligible, minor, moderate, major, severe]',
      '  acceptance: 6',
      '',
    ].join('\n'),
  );

  // ---- write
  let bytes = 0;
  const dirs = new Set();
  for (const rel of files.keys()) dirs.add(path.dirname(rel));
  for (const d of dirs) mkdirSync(path.join(dir, d), { recursive: true });
  for (const [rel, text] of files) {
    writeFileSync(path.join(dir, rel), text);
    bytes += Buffer.byteLength(text);
  }
  const total = Object.values(byKind).reduce((s, n) => s + n, 0);
  if (total !== records) throw new Error(`generator bug: wrote ${total} records, asked for ${records}`);
  const recordFiles = [...files.keys()].filter((p) => p.startsWith('aims/')).length;
  return { records: total, files: files.size, recordFiles, evidenceFiles: [...files.keys()].filter((p) => p.startsWith('evidence/')).length, byKind, bytes, seed };
}

// ------------------------------------------------------------------------------------------ CLI

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !['--records', '--seed'].includes(args[i - 1]));
  if (!dir) {
    console.error('usage: node test/bench/generate.mjs <dir> [--records N] [--seed S]');
    process.exit(2);
  }
  const seedArg = value('--seed');
  const summary = generateAims(path.resolve(dir), {
    records: Number(value('--records') ?? 10000),
    seed: seedArg === undefined ? 42 : /^\d+$/.test(seedArg) ? Number(seedArg) : seedArg,
  });
  console.log(JSON.stringify(summary, null, 2));
}
