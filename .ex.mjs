import { parseYamlStream } from '/work/main/dist/load/parse-yaml.js';
import { locate } from '/work/main/dist/load/locate.js';
const p = parseYamlStream('f', 'kind: risk\n---\n# nothing\n');
console.log(p.documents.map(d=>[d.ast.range, d.ast.contents?.range, d.empty]), locate(p, {file:'f', document:1, pointer:'/id'}));
