/**
 * An uploaded member file's bytes → its first sheet as rows of cells, for domain/memberImport's checks.
 *
 * - `.xlsx` (a zip: "PK\x03\x04") is read with read-excel-file (fflate + a SAX parser; a few tens of KB bundled, where
 *   exceljs would add about a megabyte): date-formatted cells come back as Dates, other numbers as numbers.
 * - Anything else is CSV, parsed by csv-parse. Excel in China saves "CSV" in GBK unless told UTF-8, with or without a
 *   BOM: the bytes are decoded as UTF-8 when they are valid UTF-8, else as GB18030 (GBK's superset) with Node's own
 *   TextDecoder (full ICU is in every official Node build, CloudBase's included), so no code-page tables are bundled.
 * - The old binary `.xls` ("\xD0\xCF\x11\xE0") is refused with the words to fix it.
 */
import { parse } from 'csv-parse/sync'
import { readSheet } from 'read-excel-file/universal'
import { ImportFileProblem, type Cell } from '../../src/domain/memberImport'

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

/** UTF-8 when the bytes are UTF-8 (a BOM dropped), else GB18030. */
export const decodeText = (bytes: Uint8Array): string => {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('gb18030').decode(body)
  }
}

export const readCsv = (bytes: Uint8Array): Cell[][] => {
  try {
    const rows: string[][] = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true, bom: true })
    return rows
  } catch (e) {
    const line = (e as { lines?: number }).lines
    throw new ImportFileProblem(`CSV 文件格式有误${line ? `（第 ${line} 行附近）` : ''}，请用 Excel 另存为 CSV 或 .xlsx 后重试`)
  }
}

export const readXlsx = async (bytes: Uint8Array): Promise<Cell[][]> => {
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    return (await readSheet(buffer)) as Cell[][]
  } catch {
    throw new ImportFileProblem('无法读取这个 Excel 文件，请确认它是 .xlsx 格式且未加密')
  }
}

/** The first sheet of an .xlsx, or the rows of a CSV. */
export const readMemberFile = async (bytes: Uint8Array): Promise<Cell[][]> => {
  if (bytes.length === 0) throw new ImportFileProblem('文件是空的')
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ImportFileProblem('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV')
  return readCsv(bytes)
}
