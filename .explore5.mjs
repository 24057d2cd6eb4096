import { parseYamlStream } from '/work/main/dist/load/parse-yaml.js';
const normal = 'kind: risk\nid: R-1\ntitle: "t"\nlikelihood: likely\nclauses: [9.1, "7.4"]\n';
const specs = process.argv[2].split(',');
for (const s of specs) {
  const t=Date.now();
  let text;
  if (s === 'n') text = normal;
  else if (s.startsWith('b')) { const k=Number(s.slice(1)); text=''; for (let i=0;i<k;i++) text += ' '.repeat(i)+'k'+i+':\n'; }
  else if (s.startsWith('m')) { const k=Number(s.slice(1)); text = '{a: '.repeat(k) + '1' + '}'.repeat(k); }
  else { const k=Number(s); text = '['.repeat(k) + ']'.repeat(k) + '\n'; }
  const p = parseYamlStream('f', text);
  console.log(s, Date.now()-t, p.diagnostics.length, [...new Set(p.diagnostics.map(d=>d.rule))]);
}
