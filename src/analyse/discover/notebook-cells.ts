import { visit } from 'jsonc-parser';

/** One line of a notebook cell's source, and the line of the notebook file it is written on. */
export interface CellLine {
  cellType: string | undefined;
  text: string;
  line: number;
}

/**
 * The source lines of a Jupyter notebook's cells, each placed on its own line of the file by
 * the JSON scanner's offsets (one pass: searching the file for each line would be quadratic
 * when the lines are written with other escapes). Undefined when the file is not strict JSON.
 */
export function notebookCells(text: string): CellLine[] | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  // Depth 1: the notebook; 2: its `cells` array; 3: one cell; 4: a cell's `source` array.
  let depth = 0;
  let topKey: string | undefined;
  let cellKey: string | undefined;
  let inCells = false;
  let inSource = false;
  let cell: { type: string | undefined; lines: { text: string; line: number }[] } | undefined;
  const cells: NonNullable<typeof cell>[] = [];
  const open = (): void => {
    depth++;
    if (depth === 2 && topKey === 'cells') inCells = true;
    else if (depth === 3 && inCells) cells.push((cell = { type: undefined, lines: [] }));
    else if (depth === 4 && cell && cellKey === 'source') inSource = true;
  };
  const close = (): void => {
    if (depth === 2) inCells = false;
    else if (depth === 3) cell = undefined;
    else if (depth === 4) inSource = false;
    depth--;
  };
  visit(text, {
    onObjectBegin: open,
    onArrayBegin: open,
    onObjectEnd: close,
    onArrayEnd: close,
    onObjectProperty: (name) => {
      if (depth === 1) topKey = name;
      else if (depth === 3) cellKey = name;
    },
    onLiteralValue: (value: unknown, _offset, _length, startLine) => {
      if (!cell || typeof value !== 'string') return;
      if (depth === 3 && cellKey === 'cell_type') cell.type = value;
      else if ((depth === 3 && cellKey === 'source') || (depth === 4 && inSource)) cell.lines.push({ text: value, line: startLine + 1 });
    },
  });
  return cells.flatMap((c) => c.lines.map((l) => ({ cellType: c.type, ...l })));
}
