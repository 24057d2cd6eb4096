import type { Detection, Ecosystem } from '../../model/discover.js';
import { packageSignature, type SignatureIndex } from './signature-index.js';
import { isPlainObject } from '../../load/normalise.js';
import { lineLocator } from './text-lines.js';

export interface SbomScan {
  format: 'CycloneDX' | 'SPDX';
  detections: Detection[];
  /** Repository URLs the SBOM names for the software it describes. */
  remotes: string[];
}

const PURL_TYPES: Record<string, Ecosystem> = { npm: 'npm', pypi: 'pypi', golang: 'go', maven: 'maven', gem: 'gem', cargo: 'cargo', nuget: 'nuget' };
const MODEL_SIGNATURE = 'ml-model';

/** `pkg:npm/%40langchain/core@0.2.0` → npm, @langchain/core (the package-url spec, read not resolved). */
export function parsePurl(purl: string): { type: string; name: string } | undefined {
  const m = /^pkg:([a-z0-9.+-]+)\/([^@?#]+)/i.exec(purl);
  if (!m?.[1] || !m[2]) return undefined;
  const type = m[1].toLowerCase();
  let segments: string[];
  try {
    segments = m[2].split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const name = type === 'maven' ? segments.join(':') : segments.join('/');
  return name ? { type, name } : undefined;
}

/**
 * A CycloneDX or SPDX JSON SBOM → the AI use its components show, by package URL (and, for
 * CycloneDX, machine-learning-model components). Undefined when the text is neither.
 */
export function readSbom(file: string, text: string, index: SignatureIndex): SbomScan | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(json)) return undefined;
  const line = lineLocator(text);
  const detections: Detection[] = [];
  const remotes: string[] = [];
  const seen = new Set<string>();
  const at = (needle: string): number => {
    const i = text.indexOf(JSON.stringify(needle));
    return i === -1 ? 1 : line(i);
  };
  const fromPurl = (purl: string): boolean => {
    const parsed = parsePurl(purl);
    const eco = parsed ? PURL_TYPES[parsed.type] : undefined;
    const s = parsed && eco ? packageSignature(index, eco, parsed.name) : undefined;
    if (!s || !parsed || seen.has(purl)) return s !== undefined;
    seen.add(purl);
    detections.push({ file, line: at(purl), signature: s.id, category: s.category, indicator: 'dependency', match: parsed.name, note: 'SBOM' });
    return true;
  };
  const model = (name: string, note: string): void => {
    const s = index.signatures.get(MODEL_SIGNATURE);
    if (!s || seen.has(`model:${name}`)) return;
    seen.add(`model:${name}`);
    detections.push({ file, line: at(name), signature: s.id, category: s.category, indicator: 'model-file', match: name, note });
  };

  if (json['bomFormat'] === 'CycloneDX') {
    const walk = (components: unknown, depth: number): void => {
      if (!Array.isArray(components) || depth > 32) return;
      for (const c of components) {
        if (!isPlainObject(c)) continue;
        const purl = typeof c['purl'] === 'string' ? c['purl'] : undefined;
        const matched = purl !== undefined && fromPurl(purl);
        const name = typeof c['name'] === 'string' ? c['name'] : undefined;
        const huggingface = purl !== undefined && parsePurl(purl)?.type === 'huggingface';
        if (!matched && name && (c['type'] === 'machine-learning-model' || huggingface)) model(name, 'SBOM machine-learning-model component');
        walk(c['components'], depth + 1);
      }
    };
    walk(json['components'], 0);
    const meta = isPlainObject(json['metadata']) && isPlainObject(json['metadata']['component']) ? json['metadata']['component'] : undefined;
    const refs = meta && Array.isArray(meta['externalReferences']) ? meta['externalReferences'] : [];
    for (const r of refs) if (isPlainObject(r) && r['type'] === 'vcs' && typeof r['url'] === 'string') remotes.push(r['url']);
    return { format: 'CycloneDX', detections, remotes };
  }
  if (typeof json['spdxVersion'] === 'string') {
    for (const p of Array.isArray(json['packages']) ? json['packages'] : []) {
      if (!isPlainObject(p)) continue;
      for (const r of Array.isArray(p['externalRefs']) ? p['externalRefs'] : []) {
        if (isPlainObject(r) && r['referenceType'] === 'purl' && typeof r['referenceLocator'] === 'string') fromPurl(r['referenceLocator']);
      }
    }
    return { format: 'SPDX', detections, remotes };
  }
  return undefined;
}
