import { parseAllDocuments, Parser, Lexer } from 'yaml';
const n = Number(process.argv[2]);
const text = '['.repeat(n) + ']'.repeat(n);
let t = Date.now();
const toks = [...new Lexer().lex(text)]; console.log('lex', toks.length, Date.now()-t);
t = Date.now();
const cst = [...new Parser().parse(text)]; console.log('parse', cst.length, Date.now()-t);
t = Date.now();
const d = parseAllDocuments(text); console.log('compose', d[0].errors.length, Date.now()-t, d[0].errors[0]?.code);
