import { parseYamlStream } from '/work/main/dist/load/parse-yaml.js';
for (const n of (process.argv[2]||'').split(',').map(Number)) {
  const t=Date.now();
  const p = parseYamlStream('f', '['.repeat(n) + ']'.repeat(n) + '\n');
  console.log(n, Date.now()-t, p.diagnostics.length, [...new Set(p.diagnostics.map(d=>d.rule))], p.documents[0]?.broken, typeof p.documents[0]?.value);
}
