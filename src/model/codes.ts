/** How bad a diagnostic is (defined here, beside the rules' default severities; diagnostic.ts re-exports it). */
export type Severity = 'error' | 'warning';

/**
 * Every rule id aims reports, with its default severity, what it checks and how to fix it.
 * This table feeds the README's rule reference (a test keeps them in step) and SARIF rules.
 */
export interface RuleInfo {
  severity: Severity;
  summary: string;
  fix: string;
}

export const RULES = {
  'yaml/syntax': { severity: 'error', summary: 'The file is not valid YAML.', fix: 'Fix the YAML at the position shown; the rest of the repository is still checked.' },
  'yaml/list-item-merged': { severity: 'warning', summary: 'A `- item` indented more than the item above is read as more text of that item, so the list is one item short.', fix: 'Align the `-` with the `-` of the item above.' },
  'yaml/comment-in-value': { severity: 'warning', summary: 'A ` #` inside an unquoted value starts a comment, so the rest of the value is silently dropped (`Acme #1 Ltd` is read as `Acme`).', fix: 'Quote the value if the `#` belongs to it.' },
  'yaml/duplicate-key': { severity: 'error', summary: 'A key appears twice in the same mapping.', fix: 'Keep one of the two keys; YAML would silently use the last one.' },
  'yaml/alias-limit': { severity: 'error', summary: 'YAML aliases expand to too many nodes (an alias bomb).', fix: 'Write the values out instead of nesting aliases.' },
  'yaml/too-deep': { severity: 'error', summary: 'The document is nested too deeply to be a record.', fix: 'Flatten the structure; records are at most a few levels deep.' },
  'file/too-large': { severity: 'error', summary: 'A record file is over the size limit and was not read.', fix: 'Split the file, or raise `max_file_size` in aims.yaml.' },
  'file/too-complex': { severity: 'error', summary: 'A record file holds more YAML values than aims reads from one file (a quarter of a million).', fix: 'Split it into several files; a stream of a few hundred records per file is plenty.' },
  'file/binary': { severity: 'error', summary: 'A file matched by the record globs is binary.', fix: 'Move it out of the record folders, or narrow `records` in aims.yaml.' },
  'file/encoding': { severity: 'error', summary: 'The file is not valid UTF-8.', fix: 'Re-save the file as UTF-8.' },
  'file/not-a-file': { severity: 'error', summary: 'A path matched by the record globs is a directory or a link that cannot be followed.', fix: 'Rename the directory, replace the link with the file, or narrow `records`.' },
  'file/unreadable': { severity: 'error', summary: 'A record file could not be read.', fix: 'Check the file permissions.' },
  'file/empty': { severity: 'warning', summary: 'A record file holds no record (it is empty or only has comments).', fix: 'Fill in the record, or delete the file.' },
  'file/ignored': { severity: 'warning', summary: 'A file in the base folder of a `records` glob (such as `aims/` for `aims/**/*.yaml`) looks like a record but no glob matches it, so it is not read: a `.YAML`/`.YML` extension, or a `kind:` of a record kind. Folders outside the base folders are never opened, so files there are not looked at.', fix: 'Rename it to `.yaml`, move it into the record folders, or widen `records` in aims.yaml.' },
  'records/none': { severity: 'error', summary: 'The `records` globs matched no record at all.', fix: 'Check `records` in aims.yaml, or run aims from the repository root.' },
  'record/not-a-record': { severity: 'error', summary: 'A document has no `kind`, so it is not an AIMS record.', fix: 'Add `kind:` with one of the 17 record kinds, or move the file out of the record folders.' },
  'record/unknown-kind': { severity: 'error', summary: '`kind` is not one of the 17 record kinds.', fix: 'Use one of: context, scope, policy, role, system, risk, assessment, control, objective, competence, audit, review, nonconformity, document, supplier, incident, dataset.' },
  'record/placeholder': { severity: 'warning', summary: 'Text that `aims init` or `aims new` left to be filled in ("Replace with …") is still there; `aims gap` counts the field as absent.', fix: 'Write what is true for your organisation in its place.' },
  'schema/required': { severity: 'error', summary: 'A required field is missing.', fix: 'Add the field named in the message.' },
  'schema/unknown-field': { severity: 'error', summary: 'A field is not part of the record kind (often a typo).', fix: 'Rename it as suggested, remove it, or prefix it with `x-` to keep it as an extension.' },
  'schema/enum': { severity: 'error', summary: 'A value is not one of the allowed values.', fix: 'Use one of the values listed in the message.' },
  'schema/const': { severity: 'error', summary: 'A value must be exactly the one shown.', fix: 'Use the value shown in the message.' },
  'schema/type': { severity: 'error', summary: 'A value has the wrong type (text, number, list, true/false).', fix: 'Write the value as the type named in the message; quote text that YAML reads as a number or date.' },
  'schema/format': { severity: 'error', summary: 'A value is not in the required format, such as a real date.', fix: 'Write dates as YYYY-MM-DD and check the day exists.' },
  'schema/pattern': { severity: 'error', summary: 'A value does not have the required form (for example an id with spaces).', fix: 'Use letters, digits, dots, dashes and underscores in ids.' },
  'schema/empty': { severity: 'error', summary: 'A text value is empty.', fix: 'Fill it in, or remove the field if it is optional.' },
  'schema/invalid': { severity: 'error', summary: 'A value breaks another schema constraint.', fix: 'Follow the message; `aims schema KIND` shows the schema.' },
  'id/duplicate': { severity: 'error', summary: 'Two records share an id.', fix: 'Give one of them a new id; ids are unique across the repository.' },
  'ref/unknown-id': { severity: 'error', summary: 'A record refers to an id that no record has.', fix: 'Correct the id (see the suggestion), or add the missing record.' },
  'ref/wrong-kind': { severity: 'error', summary: 'A record refers to an id of the wrong kind (for example a system where a control is expected).', fix: 'Refer to a record of the kind named in the message.' },
  'ref/unknown-clause': { severity: 'error', summary: 'A clause or Annex A control id is not in the ISO/IEC 42001 catalogue.', fix: 'Use an id listed by `aims catalog`, quoted, such as "9.1" or "A.6.2.4".' },
  'owner/role-title': { severity: 'warning', summary: 'An owner names a role by its title ("AI Governance Lead"), or by a job title no role record defines ("CTO", "DevOps Engineer"), so nobody can tell who is accountable.', fix: 'Use the role id (the message names it), or add a `role` record and use its id, or name the person.' },
  'control/title-mismatch': { severity: 'error', summary: 'A control record has an Annex A id but its title names a different control (often an SoA numbered the organisation\'s own way).', fix: 'Retitle it, or give it an organisation id (CTL-…) and map it to Annex A with `annex_a`.' },
  'risk/off-scale': { severity: 'error', summary: 'A risk likelihood or impact is not a level of the configured scale.', fix: 'Use a level from `risk.likelihood` / `risk.impact` in aims.yaml.' },
  'nonconformity/off-scale': { severity: 'error', summary: 'A nonconformity `severity` is not one of the grades in `nonconformity.severities` (default major, minor).', fix: 'Use a grade from the scale, or add the grade to `nonconformity.severities` in aims.yaml.' },
  'audit/finding-off-scale': { severity: 'error', summary: 'An audit finding `type` is neither a grade of `nonconformity.severities` (default major, minor) nor `observation` or `opportunity`.', fix: 'Use a grade from the scale for a nonconformity, `observation` or `opportunity` otherwise; or add the grade to `nonconformity.severities` in aims.yaml.' },
  'risk/unrated': { severity: 'warning', summary: 'A risk has no likelihood or impact yet (as `aims new risk` leaves it), so it is not assessed.', fix: 'Choose `likelihood` and `impact` from the scales in aims.yaml.' },
  'evidence/missing': { severity: 'error', summary: 'An evidence path does not exist in the repository.', fix: 'Correct the path (relative to the repository root) or add the file.' },
  'evidence/outside': { severity: 'error', summary: 'An evidence path leaves the repository (`..`, an absolute path, or a link pointing outside).', fix: 'Copy the evidence into the repository and cite it by a relative path.' },
  'evidence/not-a-file': { severity: 'error', summary: 'An evidence path is a directory (or a named pipe, device or socket), not a file.', fix: 'Cite the files inside it one by one.' },
  'evidence/unreadable': { severity: 'error', summary: 'An evidence file cannot be read: no permission, or larger than `max_evidence_size`.', fix: 'Fix the file permissions, or raise `max_evidence_size` in aims.yaml (or cite a smaller file).' },
  'evidence/bad-url': { severity: 'error', summary: 'An evidence URL is not an https:// URL.', fix: 'Use an https:// address, or store the document in the repository.' },
  'evidence/empty': { severity: 'warning', summary: 'An evidence file is empty or holds only whitespace: it shows nothing, so `aims gap` does not count it.', fix: 'Cite the file that shows the control or requirement at work, with its content.' },
  'evidence/self': { severity: 'warning', summary: 'A record cites a record file (often its own) as evidence: a record is not evidence of itself, so `aims gap` does not count it.', fix: 'Cite the document, log or report that shows it in practice.' },
  'evidence/placeholder-url': { severity: 'warning', summary: 'An evidence URL points at a placeholder or local address (example.com, localhost, documentation IP ranges), so `aims gap` does not count it.', fix: 'Cite the real address of the evidence.' },
  'date/future': { severity: 'error', summary: 'A date that records a fact (a done audit or review, `updated`, `approved.date`, a measurement or a training) is later than today.', fix: 'Correct the date; plan a future audit or review with `status: planned`.' },
  'date/long-cycle': { severity: 'warning', summary: 'A review cycle in aims.yaml is longer than five years: that is not a planned interval, it switches the check off.', fix: 'Set a cycle your organisation actually follows, such as P12M.' },
  'suppression/invalid': { severity: 'error', summary: 'An `x-aims-ignore` entry is malformed: it needs a known `rule` and a `reason`, and `until` must be a date.', fix: 'Write entries as `{ rule: schema/enum, reason: why, until: YYYY-MM-DD }`.' },
  'suppression/expired': { severity: 'error', summary: 'An `x-aims-ignore` suppression is past its `until` date, so it no longer applies.', fix: 'Fix the suppressed problem, or renew the suppression with a new `until` and reason.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
