import type { Formatter } from './format-context.js';

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=<rule>::message`. An
 * annotation is one line, so newlines and the command syntax's own characters are escaped.
 */
export const github: Formatter = ({ diagnostics }) =>
  diagnostics
    .map((d) => {
      const p = d.location.position;
      const props = [`file=${property(d.location.file)}`, `line=${p.line}`, `col=${p.column}`, `title=${property(d.rule)}`].join(',');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${data(d.message)}\n`;
    })
    .join('');

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
