/**
 * CSV as operators open it in Excel: UTF-8 with a byte order mark (without it Excel reads Chinese as GBK and
 * shows mojibake), RFC 4180 quoting and CRLF line ends, and every text cell defended against formula injection.
 */

/** Excel decides a CSV file is UTF-8 only when it starts with this. */
export const CSV_BOM = '\uFEFF'

/**
 * A cell: numbers are written as they are; `{ decimal }` is a number written with its own digits ("520.50");
 * text is escaped; null is an empty cell.
 */
export type CsvCell = string | number | null | { decimal: string }

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Text starting with one of these is a formula to Excel, WPS and LibreOffice (`=HYPERLINK(...)`, `+cmd|...`,
 * `@SUM(...)`); a leading tab or carriage return lets one hide behind whitespace (OWASP's list).
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One cell. A text cell that a spreadsheet would run as a formula gets a leading apostrophe, which Excel shows
 * as text and hides. Numbers never do: -120 points must stay a number, and a number cannot be a formula.
 * Then RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
 */
export const csvCell = (value: CsvCell): string => {
  if (value === null) return ''
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`csv: ${value} is not a finite number`)
    return String(value)
  }
  if (typeof value === 'object') {
    if (!DECIMAL.test(value.decimal)) throw new Error(`csv: ${JSON.stringify(value.decimal)} is not a decimal number`)
    return value.decimal
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, CRLF-terminated (RFC 4180). */
export const csvLine = (cells: readonly CsvCell[]): string => `${cells.map(csvCell).join(',')}\r\n`
