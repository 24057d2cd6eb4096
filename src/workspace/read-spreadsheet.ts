import { readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { InputError } from '../model/errors.js';
import { readZip } from './read-zip.js';

/** The only importer of exceljs: a CSV or XLSX sheet → rows of cell text, as the spreadsheet shows it. */

/** Bigger sheets are refused unread: an SoA or a risk register is a few hundred rows. */
const MAX_BYTES = 20 * 1024 * 1024;
/** An XLSX is a ZIP archive: what it inflates to is bounded too (a 20 MB archive can hold gigabytes). */
const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
const MAX_ROWS = 10_000;
const MAX_COLUMNS = 500;

export async function readSpreadsheet(file: string, sheet?: string): Promise<string[][]> {
  let size: number;
  try {
    const stats = statSync(file);
    // A FIFO or device would block or never end: only a regular file is read.
    if (!stats.isFile()) throw new InputError(`${file} is not a file`, 'give the path of a .xlsx or .csv file');
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${file}`, 'check the path of the spreadsheet');
  }
  if (size > MAX_BYTES) throw new InputError(`${file} is larger than ${MAX_BYTES / 1024 / 1024} MB`, 'export the SoA or risk register alone');
  const bytes = readFileSync(file);
  const workbook = new ExcelJS.Workbook();
  const csv = /\.csv$/i.test(file);
  try {
    if (csv) {
      // Cells stay text: "9.1" must not become a number, nor 2026-03-31 a Date.
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '') });
    } else {
      await readZip(bytes, { maxTotalSize: MAX_INFLATED_BYTES });
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    }
  } catch (error) {
    throw new InputError(`${file} is not a readable ${csv ? 'CSV' : 'XLSX'} file (${error instanceof Error ? error.message : String(error)})`, 'save it as .xlsx or .csv (UTF-8)');
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) throw new InputError(sheet === undefined ? `${file} has no sheet` : `${file} has no sheet named "${sheet}"`, `sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  if (worksheet.rowCount > MAX_ROWS) throw new InputError(`${file} has more than ${MAX_ROWS} rows`);
  if (worksheet.columnCount > MAX_COLUMNS) throw new InputError(`${file} has more than ${MAX_COLUMNS} columns`, 'export the SoA or risk register columns alone');
  // Sparse: rows and cells that hold nothing are holes, filled with '' below.
  const rows: (string[] | undefined)[] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/** A cell as text: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return value.text;
    return '';
  }
  return String(value);
}
