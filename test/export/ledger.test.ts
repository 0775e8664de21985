import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, utimesSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { SHEETS, ledgerTitle } from '../../src/export/ledger.js'
import { ledgerFileName, sweepExports, writeLedgerExport as writeLedger } from '../../src/export/files.js'
import { periodOf } from '../../src/parsing/mod.js'
import { DEFAULT_RULES } from '../../src/scoring/rules.js'
import { rankMembers, scoreMemberYear } from '../../src/scoring/score.js'
import { computeFigures, type Figures } from '../../src/services/stats.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat, freshDb, stepRow, verify } from '../helpers.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'
import { runFile } from '../exec.js'

const Q3 = periodOf('quarter', 2022, 3) // 2022-07-01 … 2022-09-30, 2022年第三季度

/** A record's local date as the ledger must write it: that calendar day at UTC midnight. */
const d = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`)

const tmpDir = () => {
  const dir = join(process.env.TEST_TMP_DIR!, `ledger-${randomUUID()}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

// ---------------------------------------------------------------------------------------------
// The seed. Everything expected below is counted by hand from it.
//
// Rooms: 健康家园会客厅 (A, topic 健康群) and 东海论健工作室 (B, topic 东海群) are exported;
// 其他工作室 (C, topic 其他群) is not, and its records must never show.
//
// Members (display name / realName / sector / rooms):
//   wang  芳芳 / 王芳 / 医药卫生界 / A (secretary)
//   li    李明 / –    / 教育界     / A, B
//   zhang 张三 / 张伟 / 经济界     / B, C
//   sun   孙七 / –    / –          / A          (did nothing, never registered: not on the roll)
//   zhao  赵丽 / 赵丽 / –          / C only     (never in this ledger)
//
// Activities (code, room, date, participants, reach, people):
//   A1 A 2022-06-30 10  100   王芳            before Q3
//   A2 A 2022-07-01  8  200   王芳、李明      first day of Q3; its message (rawText) two lines
//   A3 B 2022-08-15  –  36000 李明、赵六(unmatched); its message holds a zero-width space
//   A4 A 2022-08-20 50  50    张伟            WITHDRAWN
//   A5 B 2022-09-30 12  –     张伟、赵六      last day of Q3
//   A6 A 2022-07-10  5  60    王芳            inserted late: date order puts it second
//   A7 C 2022-08-01 99  999   赵丽            other room
//   A8 A 2022-10-01  7  7     王芳            after Q3
// Q3, rooms A+B: A2, A6, A3, A5 → 4 activities; participants 8+5+12 = 25; reach 200+60+36000 = 36260;
// members {王芳, 李明, 赵六, 张伟} = 4.
//
// Opinion reports (code, room, date, authors, events):
//   M1 A 2022-06-20 王芳            adopted city 07-05                         before Q3 (its adoption is in Q3)
//   M2 A 2022-07-15 王芳*、李明     adopted city 08-01 嘉兴市政协, province 09-10 浙江省政协,
//                                   instructed 08-05 请民政局研究, resolved 10-10 (October); content two lines
//   M3 B 2022-09-01 李明*、张伟     adopted county 09-02 (no body), instructed 09-20 (no text), resolved 09-28;
//                                   no content
//   M4 A 2022-08-08 王芳            adopted national 08-09                     WITHDRAWN
//   M5 B 2022-07-02 张伟            –                                          content 建议优化12路公交线路。
//   M6 C 2022-08-01 赵丽            adopted county 08-02                       other room
// Q3, rooms A+B rows: M5, M2, M3 → 3. adopted: county 1 (M3), city 2 (M1, M2), province 1 (M2), national 0;
// instructed 2 (M2, M3); resolved 1 (M3; M2 is October).
//
// Proposals (code, room, date, type, authors, events):
//   T1 A 2022-07-20 个人 王芳*        registered 08-01 by 市卫健委, key 08-10,
//                                     answered 09-15 满意 with the reply 已纳入2023年民生实事项目
//   T2 B 2022-08-05 联名 李明*、张伟  merged 08-20 into T1
//   T3 A 2022-05-10 个人 王芳*        registered 07-03                           before Q3 (its 立案 is in Q3)
//   T4 B 2022-09-05 个人 张伟*        registered 09-06                           WITHDRAWN
//   T5 B 2022-09-25 集体 张伟*        registered 10-05 by 市文旅局、市农业农村局, important 10-06,
//                                     answered 10-20 with a reply and no 满意度  (steps in October)
//   T6 C 2022-08-01 个人 赵丽*        registered 08-02                           other room
// Q3, rooms A+B rows: T1, T2, T5 → 3; registered 2 (T1, T3); answered 1 (T1).
// ---------------------------------------------------------------------------------------------
async function seed(db: Db) {
  const A = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
  const B = await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } })
  const C = await db.room.create({ data: { name: '其他工作室', kind: '工作室', topic: '其他群' } })
  const member = (name: string, realName: string | null, sector: string | null, rooms: [number, string][]) =>
    db.member.create({
      data: { name, realName, sector, memberships: { create: rooms.map(([roomId, role]) => ({ roomId, role })) } },
    })
  const wang = await member('芳芳', '王芳', '医药卫生界', [[A.id, 'secretary']])
  const li = await member('李明', null, '教育界', [[A.id, 'member'], [B.id, 'member']])
  const zhang = await member('张三', '张伟', '经济界', [[B.id, 'member'], [C.id, 'member']])
  const sun = await member('孙七', null, null, [[A.id, 'member']])
  const zhao = await member('赵丽', '赵丽', null, [[C.id, 'member']])

  let source = 0
  const activity = (
    code: string, roomId: number, date: string, participants: number | null, reach: number | null,
    people: [string, number | null][], extra: Partial<{ time: string; title: string; type: string; place: string; partners: string; brand: string; note: string; reporterName: string; withdrawn: boolean; memberCount: number; rawText: string }> = {},
  ) =>
    db.activity.create({
      data: {
        code, roomId, date, participants, reach, title: `活动${code}`, type: '义诊', reporterName: '芳芳',
        sourceMessageId: `s${++source}`, rawText: '', ...extra,
        participantsOf: { create: people.map(([name, memberId]) => ({ name, memberId })) },
      },
    })
  await activity('A1', A.id, '2022-06-30', 10, 100, [['王芳', wang.id]])
  await activity('A2', A.id, '2022-07-01', 8, 200, [['王芳', wang.id], ['李明', li.id]], {
    time: '09:30', title: '健康义诊进社区', place: '社区卫生服务中心', partners: '市卫健委、市红十字会', brand: '东海论健', note: '首场',
    rawText: '7月1日上午9:30在社区卫生服务中心开展健康义诊进社区\n王芳、李明参加，服务群众200人次',
  })
  await activity('A3', B.id, '2022-08-15', null, 36000, [['李明', li.id], ['赵六', null]], {
    title: '教育座谈会', type: '座谈', reporterName: '李明', memberCount: 5, rawText: '#活动 8月15日 教育\u200b座谈会，委员5人参加',
  })
  await activity('A4', A.id, '2022-08-20', 50, 50, [['张伟', zhang.id]], { withdrawn: true })
  await activity('A5', B.id, '2022-09-30', 12, null, [['张伟', zhang.id], ['赵六', null]], { time: '15:00', title: '法律咨询', type: '咨询', reporterName: '张三' })
  await activity('A6', A.id, '2022-07-10', 5, 60, [['王芳', wang.id]], { title: '健康讲座', type: '宣讲' })
  await activity('A7', C.id, '2022-08-01', 99, 999, [['赵丽', zhao.id]])
  await activity('A8', A.id, '2022-10-01', 7, 7, [['王芳', wang.id]])

  const report = async (
    code: string, roomId: number, date: string, authors: [string, number][],
    events: [kind: string, date: string, level?: string | null, detail?: string | null][],
    extra: Partial<{ title: string; field: string; withdrawn: boolean; content: string }> = {},
  ) => {
    const r = await db.opinionReport.create({
      data: {
        code, roomId, date, title: `民意${code}`, reporterName: '芳芳', sourceMessageId: `s${++source}`, rawText: '', ...extra,
        authors: { create: authors.map(([name, memberId], i) => ({ name, memberId, isLead: i === 0 })) },
      },
    })
    for (const [kind, date, level, detail] of events) {
      await db.opinionEvent.create({ data: stepRow(r, { kind, date, level: level ?? null, detail: detail ?? null, actorName: '芳芳' }) })
    }
  }
  await report('M1', A.id, '2022-06-20', [['王芳', wang.id]], [['adopted', '2022-07-05', 'city', '嘉兴市政协']])
  await report('M2', A.id, '2022-07-15', [['王芳', wang.id], ['李明', li.id]], [
    ['adopted', '2022-08-01', 'city', '嘉兴市政协'],
    ['instructed', '2022-08-05', null, '请民政局研究'],
    ['adopted', '2022-09-10', 'province', '浙江省政协'],
    ['resolved', '2022-10-10'],
  ], { title: '关于加强老年人助餐服务的建议', field: '养老', content: '目前助餐点覆盖不足。\n建议每个社区设一处助餐点。' })
  await report('M3', B.id, '2022-09-01', [['李明', li.id], ['张伟', zhang.id]], [
    ['adopted', '2022-09-02', 'county'],
    ['instructed', '2022-09-20'],
    ['resolved', '2022-09-28'],
  ], { title: '关于规范校外培训的建议', field: '教育' })
  await report('M4', A.id, '2022-08-08', [['王芳', wang.id]], [['adopted', '2022-08-09', 'national']], { withdrawn: true })
  await report('M5', B.id, '2022-07-02', [['张伟', zhang.id]], [], { title: '关于优化公交线路的建议', field: '交通', content: '建议优化12路公交线路。' })
  await report('M6', C.id, '2022-08-01', [['赵丽', zhao.id]], [['adopted', '2022-08-02', 'county']])

  const proposal = async (
    code: string, roomId: number, date: string, type: string, authors: [string, number][],
    events: [kind: string, date: string, detail?: string][],
    extra: Partial<{ title: string; field: string; content: string; withdrawn: boolean }> = {},
  ) => {
    const p = await db.proposal.create({
      data: {
        code, roomId, date, type, title: `提案${code}`, reporterName: '芳芳', sourceMessageId: `s${++source}`, rawText: '', ...extra,
        authors: { create: authors.map(([name, memberId], i) => ({ name, memberId, isLead: i === 0 })) },
      },
    })
    for (const [kind, date, detail] of events) {
      await db.proposalEvent.create({ data: { proposalId: p.id, kind, date, detail: detail ?? null, actorName: '芳芳' } })
    }
  }
  await proposal('T1', A.id, '2022-07-20', '个人', [['王芳', wang.id]], [
    ['registered', '2022-08-01', '市卫健委'], ['key', '2022-08-10'], ['answered', '2022-09-15', '满意；答复：已纳入2023年民生实事项目'],
  ], { title: '关于完善社区医疗服务的提案', field: '医疗', content: '社区医院缺全科医生，建议定向培养' })
  await proposal('T2', B.id, '2022-08-05', '联名', [['李明', li.id], ['张伟', zhang.id]], [['merged', '2022-08-20', 'T1']], { title: '关于推进校园安全的提案', field: '教育' })
  await proposal('T3', A.id, '2022-05-10', '个人', [['王芳', wang.id]], [['registered', '2022-07-03']])
  await proposal('T4', B.id, '2022-09-05', '个人', [['张伟', zhang.id]], [['registered', '2022-09-06']], { withdrawn: true })
  await proposal('T5', B.id, '2022-09-25', '集体', [['张伟', zhang.id]], [
    ['registered', '2022-10-05', '市文旅局、市农业农村局'], ['important', '2022-10-06'], ['answered', '2022-10-20', '答复：将在三个村试点'],
  ], { title: '关于发展乡村旅游的提案' })
  await proposal('T6', C.id, '2022-08-01', '个人', [['赵丽', zhao.id]], [['registered', '2022-08-02']])

  // Written straight to the tables, as an import would: the monthly rows are recounted after.
  await rebuildMonthlyRows(db)
  return { A, B, C, wang, li, zhang, sun, zhao }
}

// ---------------------------------------------------------------------------------------------
// Reading the workbook back
// ---------------------------------------------------------------------------------------------
async function readBook(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

/** A workbook as the puppet received it. */
async function readBuffer(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}

/** The first `n` cells of a row, by value. */
const rowValues = (ws: ExcelJS.Worksheet, row: number, n: number) =>
  Array.from({ length: n }, (_, i) => ws.getRow(row).getCell(i + 1).value)

/** Row 1 is the sheet's title, row 2 its headers; the records start on row 3. */
const TITLE = 1
const HEADER = 2
const FIRST = 3

/** Rows 3 … rowCount, n cells each (the body and, last, the totals row when there is one). */
const bodyValues = (ws: ExcelJS.Worksheet, n: number) =>
  Array.from({ length: ws.rowCount - HEADER }, (_, i) => rowValues(ws, i + FIRST, n))

const columnLetter = (n: number) => String.fromCharCode(64 + n) // enough for ≤ 26 columns

const THIN = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }

/**
 * What every table of the book shares: a bold title merged over the table, headers in bold
 * under it, frozen and filtered, with widths; thin borders round every cell of the headers,
 * records and totals; records wrapped; printed A4 landscape, one page wide, headers on every page.
 */
function expectTableShape(ws: ExcelJS.Worksheet, title: string, headers: string[], widths: number[], bodyRows: number, hasTotals: boolean) {
  const n = headers.length
  const lastRow = HEADER + bodyRows + (hasTotals ? 1 : 0)
  // The title: one cell merged across the table, bold and larger than the rest.
  expect(ws.getRow(TITLE).getCell(1).value).toBe(title)
  expect(ws.getRow(TITLE).getCell(1).isMerged).toBe(true)
  expect(ws.getRow(TITLE).getCell(n).isMerged, `${ws.name} title merged to the last column`).toBe(true)
  expect(ws.getRow(TITLE).getCell(n).master.address).toBe('A1')
  expect(ws.getRow(TITLE).getCell(n + 1).isMerged, `${ws.name} title not merged beyond the table`).toBe(false)
  expect(ws.getRow(TITLE).getCell(1).font).toMatchObject({ bold: true, size: 16 })
  expect(rowValues(ws, HEADER, n + 1)).toEqual([...headers, null]) // and nothing right of the table
  for (let c = 1; c <= n; c++) expect(ws.getRow(HEADER).getCell(c).font?.bold, `${ws.name} header ${c}`).toBe(true)
  expect(ws.views).toHaveLength(1)
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' })
  // The filter spans the header and the records, not the totals row under them.
  expect(ws.autoFilter).toBe(`A${HEADER}:${columnLetter(n)}${HEADER + bodyRows}`)
  // Printed: A4 (9) landscape, fit to one page wide and as many pages high as it takes, the
  // header row repeated on every page.
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' })
  // Widths as declared in ledger.ts. Columns declared 9 wide are checked apart, in the test
  // "gives every column of every sheet its width in the file" (exceljs drops width 9: see there).
  headers.forEach((_, i) => {
    if (widths[i] === 9) return
    const width = ws.getColumn(i + 1).width
    expect(width, `${ws.name} column ${i + 1} width`).toBe(widths[i])
    expect(width).toBeGreaterThan(0)
  })
  expect(ws.rowCount).toBe(lastRow)
  // Every cell of the table, empty ones too, has a thin border on each side; records and totals wrap.
  for (let r = HEADER; r <= lastRow; r++) {
    for (let c = 1; c <= n; c++) {
      const cell = ws.getRow(r).getCell(c)
      expect(cell.border, `${ws.name} ${cell.address} border`).toEqual(THIN)
      expect(cell.alignment?.wrapText, `${ws.name} ${cell.address} wraps`).toBe(true)
    }
  }
  expect(ws.getRow(TITLE).getCell(1).border ?? {}).not.toEqual(THIN) // the title stands above the table, unframed
  if (hasTotals) {
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('合计')
    for (let c = 1; c <= n; c++) expect(ws.getRow(ws.rowCount).getCell(c).font?.bold, `${ws.name} totals ${c}`).toBe(true)
  }
  // Records are not bold.
  if (bodyRows > 0) expect(ws.getRow(FIRST).getCell(1).font?.bold).toBeFalsy()
}

/** Every non-empty cell of the given columns (1-based) in rows 3 … 2+bodyRows is a real date at UTC midnight. */
function expectDateColumns(ws: ExcelJS.Worksheet, columns: number[], bodyRows: number) {
  let seen = 0
  for (let r = FIRST; r <= HEADER + bodyRows; r++) {
    for (const c of columns) {
      const cell = ws.getRow(r).getCell(c)
      if (cell.value === null) continue
      seen++
      expect(cell.type, `${ws.name} ${cell.address}`).toBe(ExcelJS.ValueType.Date)
      expect(cell.numFmt, `${ws.name} ${cell.address}`).toBe('yyyy-mm-dd')
      expect((cell.value as Date).toISOString(), `${ws.name} ${cell.address}`).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/)
    }
  }
  return seen
}

/** Every non-empty cell of the given columns in rows 3 … last is a number formatted as a count. */
function expectCountColumns(ws: ExcelJS.Worksheet, columns: number[], lastRow = ws.rowCount) {
  let seen = 0
  for (let r = FIRST; r <= lastRow; r++) {
    for (const c of columns) {
      const cell = ws.getRow(r).getCell(c)
      if (cell.value === null) continue
      seen++
      expect(cell.type, `${ws.name} ${cell.address}`).toBe(ExcelJS.ValueType.Number)
      expect(cell.numFmt, `${ws.name} ${cell.address}`).toBe('#,##0')
    }
  }
  return seen
}

/** Column widths as ledger.ts declares them, sheet by sheet. */
const WIDTHS = {
  活动台账: [7, 11, 6, 14, 22, 8, 14, 16, 8, 10, 14, 10, 14, 44, 8],
  社情民意台账: [7, 11, 14, 24, 8, 12, 48, 6, 6, 6, 6, 14, 11, 24, 11],
  提案台账: [7, 11, 14, 24, 6, 12, 8, 40, 11, 16, 6, 11, 8, 40, 6, 6],
  调研报告台账: [7, 11, 14, 28, 14, 16, 22, 40, 8],
  大会发言台账: [7, 11, 14, 28, 22, 8, 14, 40, 8],
  委员履职: [10, 14, 16, 30, 10, 10, 10, 10, 10, 10, 8, 8],
  汇总: [24, 14],
} satisfies Record<string, number[]>

const SUMMARY_LABELS = [
  '活动场次', '参与人次', '参与委员（人）', '服务群众人次', '社情民意（篇）',
  '县级采纳（篇）', '市级采纳（篇）', '省级采纳（篇）', '全国采纳（篇）',
  '获批示（篇）', '办结（篇）', '提案（件）', '立案（件）', '办复（件）',
  '调研报告（篇）', '调研报告被采纳（篇）', '调研报告获批示（篇）', '大会发言（次）', '口头发言（次）', '书面发言（次）',
]
const summaryOf = (f: Figures) => [
  f.activities, f.participants, f.members, f.reach, f.opinions,
  f.adopted.county, f.adopted.city, f.adopted.province, f.adopted.national,
  f.instructed, f.resolved, f.proposals, f.registered, f.answered,
  f.research, f.researchAdopted, f.researchInstructed, f.speeches, f.oralSpeeches, f.writtenSpeeches,
]

// ---------------------------------------------------------------------------------------------
// 1. writeLedger, read back cell by cell
// ---------------------------------------------------------------------------------------------
describe('writeLedger (two rooms, 2022 Q3)', () => {
  async function written() {
    const { db } = await freshDb()
    const s = await seed(db)
    const rooms = [{ id: s.A.id, name: s.A.name }, { id: s.B.id, name: s.B.name }]
    const dir = tmpDir()
    const result = await writeLedger(db, DEFAULT_RULES, rooms, Q3, dir)
    const wb = await readBook(result.path)
    const figures = await computeFigures(db, { roomIds: [s.A.id, s.B.id], from: Q3.from, to: Q3.to })
    return { db, s, rooms, dir, result, wb, figures }
  }

  it('names the file after the rooms and the period, in the given folder', async () => {
    const { db, s, dir, result } = await written()
    // Two rooms → "2个会客厅工作室"; quarter label 2022年第三季度.
    expect(result.fileName).toBe('2个会客厅工作室_2022年第三季度台账.xlsx')
    // In a folder of its own under the given one: two requests never share a file.
    expect(basename(result.path)).toBe('2个会客厅工作室_2022年第三季度台账.xlsx')
    expect(dirname(dirname(result.path))).toBe(dir)
    expect(readdirSync(dirname(result.path))).toEqual(['2个会客厅工作室_2022年第三季度台账.xlsx'])
    expect(ledgerFileName([{ name: s.A.name }], Q3)).toBe('健康家园会客厅_2022年第三季度台账.xlsx')
    // Characters a file system refuses, and spaces, become "_".
    expect(ledgerFileName([{ name: '城东 会客厅/二' }], periodOf('month', 2022, 9))).toBe('城东_会客厅_二_2022年9月台账.xlsx')
    await db.$disconnect()
  })

  it('has the five sheets in order', async () => {
    const { db, wb } = await written()
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS])
    expect([...SHEETS]).toEqual(['活动台账', '社情民意台账', '提案台账', '调研报告台账', '大会发言台账', '委员履职', '汇总'])
    await db.$disconnect()
  })

  it('活动台账: every Q3 activity of the two rooms once, in date order, and totals equal to stats', async () => {
    const { db, wb, figures } = await written()
    const ws = sheet(wb, '活动台账')
    const headers = ['编号', '日期', '时间', '会客厅/工作室', '主题', '类型', '地点', '参与委员', '参与人次', '服务人次', '联合单位', '品牌', '备注', '活动内容', '记录人']
    expectTableShape(ws, '健康家园会客厅、东海论健工作室 · 2022年第三季度 活动台账', headers, WIDTHS.活动台账, 4, true)
    expect(bodyValues(ws, 15)).toEqual([
      // 活动内容 is the member's words as sent (the tag aside), line breaks kept.
      ['A2', d('2022-07-01'), '09:30', '健康家园会客厅', '健康义诊进社区', '义诊', '社区卫生服务中心', '王芳、李明', 8, 200, '市卫健委、市红十字会', '东海论健', '首场',
        '7月1日上午9:30在社区卫生服务中心开展健康义诊进社区\n王芳、李明参加，服务群众200人次', '芳芳'],
      ['A6', d('2022-07-10'), null, '健康家园会客厅', '健康讲座', '宣讲', null, '王芳', 5, 60, null, null, null, null, '芳芳'],
      // A3 counts 5 members, names two; the zero-width space of its message is gone.
      ['A3', d('2022-08-15'), null, '东海论健工作室', '教育座谈会', '座谈', null, '李明、赵六等5人', null, 36000, null, null, null, '8月15日 教育座谈会，委员5人参加', '李明'],
      ['A5', d('2022-09-30'), '15:00', '东海论健工作室', '法律咨询', '咨询', null, '张伟、赵六', 12, null, null, null, null, null, '张三'],
      // 4 场; 4 people (王芳, 李明, 赵六, 张伟); 8+5+12 = 25; 200+60+36000 = 36260.
      ['合计', '4 场', null, null, null, null, null, '4 人', 25, 36260, null, null, null, null, null],
    ])
    expect(expectDateColumns(ws, [2], 4)).toBe(4)
    expect(expectCountColumns(ws, [9, 10])).toBe(8) // 3 + 3 record counts, 2 totals
    // The totals (row 2 + 4 records + 1) are what stats says for the same scope.
    expect(ws.getRow(7).getCell(9).value).toBe(figures.participants)
    expect(ws.getRow(7).getCell(10).value).toBe(figures.reach)
    expect(ws.getRow(7).getCell(8).value).toBe(`${figures.members} 人`)
    expect(ws.getRow(7).getCell(2).value).toBe(`${figures.activities} 场`)
    expect(ws.getRow(7).getCell(9).font?.bold).toBe(true)
    // Texts wrap, top-aligned, so a long message shows whole in its row.
    expect(ws.getRow(3).getCell(14).alignment).toEqual({ vertical: 'top', wrapText: true })
    await db.$disconnect()
  })

  it('活动台账 rows are exactly the records the rules select, with their own dates', async () => {
    const { db, s, wb } = await written()
    const ws = sheet(wb, '活动台账')
    const all = await db.activity.findMany({ orderBy: { id: 'asc' } })
    expect(all.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'])
    const selected = all
      .filter((a) => !a.withdrawn && [s.A.id, s.B.id].includes(a.roomId) && a.date >= Q3.from && a.date <= Q3.to)
      .sort((x, y) => x.date.localeCompare(y.date) || x.id - y.id)
    const codes = bodyValues(ws, 1).slice(0, -1).map(([code]) => code)
    expect(codes).toEqual(selected.map((a) => a.code))
    expect(codes).toEqual(['A2', 'A6', 'A3', 'A5']) // A1 June, A4 withdrawn, A7 other room, A8 October
    expect(new Set(codes).size).toBe(codes.length)
    for (const [i, a] of selected.entries()) {
      expect((ws.getRow(i + FIRST).getCell(2).value as Date).toISOString().slice(0, 10)).toBe(a.date)
    }
    await db.$disconnect()
  })

  it('社情民意台账: Q3 reports once, in date order, with their text, adoption levels, bodies, instructions and step dates', async () => {
    const { db, wb, figures } = await written()
    const ws = sheet(wb, '社情民意台账')
    const headers = ['编号', '日期', '会客厅/工作室', '标题', '领域', '提交人', '正文', '县级采纳', '市级采纳', '省级采纳', '全国采纳', '采纳单位', '批示日期', '批示内容', '办结日期']
    expectTableShape(ws, '健康家园会客厅、东海论健工作室 · 2022年第三季度 社情民意台账', headers, WIDTHS.社情民意台账, 3, true)
    expect(bodyValues(ws, 15)).toEqual([
      ['M5', d('2022-07-02'), '东海论健工作室', '关于优化公交线路的建议', '交通', '张伟', '建议优化12路公交线路。', null, null, null, null, null, null, null, null],
      // Resolved in October: the ledger still shows the date (stats counts it in October).
      ['M2', d('2022-07-15'), '健康家园会客厅', '关于加强老年人助餐服务的建议', '养老', '王芳、李明', '目前助餐点覆盖不足。\n建议每个社区设一处助餐点。',
        null, 1, 1, null, '嘉兴市政协、浙江省政协', d('2022-08-05'), '请民政局研究', d('2022-10-10')],
      // No text, an instruction without words: empty cells.
      ['M3', d('2022-09-01'), '东海论健工作室', '关于规范校外培训的建议', '教育', '李明、张伟', null, 1, null, null, null, null, d('2022-09-20'), null, d('2022-09-28')],
      ['合计', '3 篇', null, null, null, null, null, null, null, null, null, null, null, null, null],
    ])
    // M1 (June) is not a row although its adoption is in Q3; M4 withdrawn; M6 other room.
    expect(expectDateColumns(ws, [2, 13, 15], 3)).toBe(7) // 3 dates + 2 instructions + 2 resolutions
    expect(expectCountColumns(ws, [8, 9, 10, 11])).toBe(3)
    expect(ws.getRow(6).getCell(2).value).toBe(`${figures.opinions} 篇`)
    await db.$disconnect()
  })

  it('社情民意台账 lists every 批示 of a report, each after its date', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    const m2 = await db.opinionReport.findUniqueOrThrow({ where: { code: 'M2' } })
    await db.opinionEvent.create({ data: stepRow(m2, { kind: 'instructed', date: '2022-09-01', detail: '请卫健委会同研究', actorName: '芳芳' }) })
    await db.opinionEvent.create({ data: stepRow(m2, { kind: 'instructed', date: '2022-09-05', actorName: '芳芳' }) })
    const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, tmpDir())
    const ws = sheet(await readBook(path), '社情民意台账')
    // Room A, Q3: M2 only. 批示日期 is the first 批示's.
    expect(rowValues(ws, 3, 15).slice(12)).toEqual([
      d('2022-08-05'), '2022-08-05 请民政局研究\n2022-09-01 请卫健委会同研究\n2022-09-05 （未写内容）', d('2022-10-10'),
    ])
    await db.$disconnect()
  })

  it('提案台账: Q3 proposals once, in date order, with their steps, 承办单位 and 答复', async () => {
    const { db, wb } = await written()
    const ws = sheet(wb, '提案台账')
    const headers = ['编号', '日期', '会客厅/工作室', '案由', '类型', '提案人', '领域', '内容', '立案日期', '承办单位', '并入', '办复日期', '满意度', '答复', '重点', '重要']
    expectTableShape(ws, '健康家园会客厅、东海论健工作室 · 2022年第三季度 提案台账', headers, WIDTHS.提案台账, 3, true)
    expect(bodyValues(ws, 16)).toEqual([
      // The answered step's detail 满意；答复：… splits into 满意度 and 答复.
      ['T1', d('2022-07-20'), '健康家园会客厅', '关于完善社区医疗服务的提案', '个人', '王芳', '医疗', '社区医院缺全科医生，建议定向培养', d('2022-08-01'), '市卫健委', null, d('2022-09-15'), '满意', '已纳入2023年民生实事项目', '是', null],
      ['T2', d('2022-08-05'), '东海论健工作室', '关于推进校园安全的提案', '联名', '李明、张伟', '教育', null, null, null, 'T1', null, null, null, null, null],
      // Handed in in Q3, registered and answered (a reply, no 满意度) in October: the steps show.
      ['T5', d('2022-09-25'), '东海论健工作室', '关于发展乡村旅游的提案', '集体', '张伟', null, null, d('2022-10-05'), '市文旅局、市农业农村局', null, d('2022-10-20'), null, '将在三个村试点', null, '是'],
      ['合计', '3 件', null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ])
    // T3 (May) not a row; T4 withdrawn; T6 other room.
    expect(expectDateColumns(ws, [2, 9, 12], 3)).toBe(7) // 3 dates + 2 立案 + 2 办复
    await db.$disconnect()
  })

  it('提案台账 reads a 办复 stored before replies were kept: the 满意度 alone', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    await db.proposalEvent.updateMany({ where: { kind: 'answered', proposal: { code: 'T1' } }, data: { detail: '基本满意' } })
    const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, tmpDir())
    const ws = sheet(await readBook(path), '提案台账')
    expect(rowValues(ws, 3, 16).slice(11, 14)).toEqual([d('2022-09-15'), '基本满意', null])
    await db.$disconnect()
  })

  it('委员履职: members of the two rooms, ranked by the 2022 score, equal to scoreMemberYear', async () => {
    const { db, s, wb } = await written()
    const ws = sheet(wb, '委员履职')
    const headers = ['姓名', '微信名', '界别', '会客厅/工作室', '参加活动', '社情民意', '提案', '调研报告', '大会发言', '履职积分', '等次', '三个一']
    // A quarter's book scores the whole year, and its title says so.
    expectTableShape(ws, '健康家园会客厅、东海论健工作室 · 2022年第三季度 委员履职（积分按2022年全年）', headers, WIDTHS.委员履职, 3, true)
    // Scores (DEFAULT_RULES, whole year 2022, every room — scores are a member's, not a room's):
    //  王芳: activities A1 A2 A6 A8 = 4×3 = 12 → capped 10; opinions M1, M2 lead 10+10 = 20 (M4 withdrawn);
    //        adoptions M1 city 5, M2 city 5 + province 10 = 20; instruction M2 10; proposals T1 registered 12
    //        + key 5, T3 registered 12 = 29 → 10+20+20+10+29 = 89 优秀; 4 activities, 2 opinions, 2 proposals → 达标.
    //  李明: activities A2 A3 = 6; opinions M2 co 5 + M3 lead 10 = 15; adoptions M2 5+10, M3 county 5 = 20;
    //        instructions M2, M3 = 20; T2 merged, never registered = 0 → 61 称职; 2 activities < 3 → 未达标.
    //  张伟: activity A5 = 3 (A4 withdrawn); opinions M3 co 5 + M5 lead 10 = 15; adoption M3 county 5;
    //        instruction M3 10; T5 registered 12 + important 3 (October, still 2022) = 15 → 48 待改进;
    //        proposals T2, T5 = 2 (T4 withdrawn); 1 activity → 未达标.
    //  孙七: never registered, never named in a record: not a 委员 on the roll, not listed (a "待改进"
    //  beside a passer-by would be wrong). 赵丽 is only in room C: not listed.
    expect(bodyValues(ws, 12)).toEqual([
      ['王芳', '芳芳', '医药卫生界', '健康家园会客厅', 4, 2, 2, 0, 0, 89, '优秀', '达标'],
      ['李明', '李明', '教育界', '健康家园会客厅、东海论健工作室', 2, 2, 1, 0, 0, 61, '称职', '未达标'],
      ['张伟', '张三', '经济界', '东海论健工作室', 1, 2, 2, 0, 0, 48, '待改进', '未达标'],
      ['合计', '3 人', null, null, null, null, null, null, null, null, null, null],
    ])
    expect(expectCountColumns(ws, [5, 6, 7, 8, 9, 10], 5)).toBe(18) // rows 3 … 5, not the totals
    // And the same numbers straight from the scoring module.
    for (const [row, m] of [[3, s.wang], [4, s.li], [5, s.zhang]] as const) {
      const score = await scoreMemberYear(db, DEFAULT_RULES, m, Q3.year)
      const { counts } = score
      expect(rowValues(ws, row, 12).slice(4, 11)).toEqual([counts.activity, counts.opinion, counts.proposal, counts.research, counts.speech, score.total, score.band])
    }
    await db.$disconnect()
  })

  it('汇总: one row per figure, equal to computeFigures for the same rooms and period', async () => {
    const { db, wb, figures } = await written()
    const ws = sheet(wb, '汇总')
    expectTableShape(ws, '健康家园会客厅、东海论健工作室 · 2022年第三季度 汇总', ['项目', '2022年第三季度'], WIDTHS.汇总, 20, false)
    // Counted by hand (see the seed): adoptions and steps count by the date they happened, so M1's
    // July adoption and T3's July 立案 count although M1 and T3 are not rows of this book.
    expect(figures).toEqual({
      activities: 4, participants: 25, members: 4, reach: 36260, opinions: 3,
      adopted: { county: 1, city: 2, province: 1, national: 0 }, instructed: 2, resolved: 1,
      proposals: 3, registered: 2, answered: 1,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
    expect(bodyValues(ws, 2)).toEqual(SUMMARY_LABELS.map((label, i) => [label, summaryOf(figures)[i]]))
    expect(bodyValues(ws, 2).map(([, v]) => v)).toEqual([4, 25, 4, 36260, 3, 1, 2, 1, 0, 2, 1, 3, 2, 1, 0, 0, 0, 0, 0, 0])
    expect(expectCountColumns(ws, [2])).toBe(20)
    await db.$disconnect()
  })

  it('writes calendar dates whatever the process time zone', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    const saved = process.env.TZ
    const firstDates: string[] = []
    try {
      for (const tz of ['Asia/Shanghai', 'America/Los_Angeles']) {
        process.env.TZ = tz // Node applies a changed TZ at once
        expect(new Date(2022, 6, 1).getTimezoneOffset()).toBe(tz === 'Asia/Shanghai' ? -480 : 420)
        const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }, { id: s.B.id, name: s.B.name }], Q3, tmpDir())
        const wb = await readBook(path)
        const ws = sheet(wb, '活动台账')
        expect(expectDateColumns(ws, [2], 4)).toBe(4)
        firstDates.push((ws.getRow(FIRST).getCell(2).value as Date).toISOString())
        const m2 = rowValues(sheet(wb, '社情民意台账'), 4, 15) // M2, the second record
        expect([m2[0], m2[12], m2[14]]).toEqual(['M2', d('2022-08-05'), d('2022-10-10')])
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
    expect(firstDates).toEqual(['2022-07-01T00:00:00.000Z', '2022-07-01T00:00:00.000Z']) // A2
    await db.$disconnect()
  })

  it('writes an empty period as headers, a zero totals row and a zero summary', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    const q1 = periodOf('quarter', 2021, 1)
    const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], q1, tmpDir())
    const wb = await readBook(path)
    const ws = sheet(wb, '活动台账')
    expect(ws.getRow(1).getCell(1).value).toBe('健康家园会客厅 · 2021年第一季度 活动台账')
    expect(ws.autoFilter).toBe('A2:O2')
    expect(bodyValues(ws, 10)).toEqual([['合计', '0 场', null, null, null, null, null, '0 人', 0, 0]])
    expect(bodyValues(sheet(wb, '汇总'), 2).map(([, v]) => v)).toEqual(new Array(20).fill(0))
    // Scores are for 2021: room A's two 委员 on the roll, both 0 (ties by name, as #积分榜 lists them).
    expect(bodyValues(sheet(wb, '委员履职'), 11).map((r) => [r[0], r[4], r[9], r[10]])).toEqual([
      ['李明', 0, 0, '待改进'], ['王芳', 0, 0, '待改进'], ['合计', null, null, null],
    ])
    await db.$disconnect()
  })

  it('a month of one room counts only that room and month', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    const july = periodOf('month', 2022, 7)
    const { path, fileName } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], july, tmpDir())
    expect(fileName).toBe('健康家园会客厅_2022年7月台账.xlsx')
    const wb = await readBook(path)
    // Room A, July: A2 (07-01), A6 (07-10); M2; T1.
    expect(bodyValues(sheet(wb, '活动台账'), 1).map(([c]) => c)).toEqual(['A2', 'A6', '合计'])
    expect(bodyValues(sheet(wb, '社情民意台账'), 1).map(([c]) => c)).toEqual(['M2', '合计'])
    expect(bodyValues(sheet(wb, '提案台账'), 1).map(([c]) => c)).toEqual(['T1', '合计'])
    // July, room A: adopted city M1 07-05 (M2's is August); registered T3 07-03 (T1's is August).
    const figures = await computeFigures(db, { roomIds: [s.A.id], from: july.from, to: july.to })
    expect(summaryOf(figures)).toEqual([2, 13, 2, 260, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    expect(bodyValues(sheet(wb, '汇总'), 2).map(([, v]) => v)).toEqual(summaryOf(figures))
    expect(sheet(wb, '汇总').getRow(2).getCell(2).value).toBe('2022年7月')
    expect(sheet(wb, '汇总').getRow(1).getCell(1).value).toBe('健康家园会客厅 · 2022年7月 汇总')
    expect(sheet(wb, '委员履职').getRow(1).getCell(1).value).toBe('健康家园会客厅 · 2022年7月 委员履职（积分按2022年全年）')
    await db.$disconnect()
  })

  // exceljs treats width 9 as its default and leaves an unstyled column of width 9 out of the
  // file (read back: undefined, Excel shows 8.43): every declared width must survive the file.
  it('gives every column of every sheet its width in the file', async () => {
    const { db, wb } = await written()
    const missing: string[] = []
    for (const name of SHEETS) {
      WIDTHS[name as keyof typeof WIDTHS].forEach((width, i) => {
        const actual = sheet(wb, name).getColumn(i + 1).width
        if (actual !== width || !(actual > 0)) missing.push(`${name} ${columnLetter(i + 1)}: ${String(actual)} (declared ${width})`)
      })
    }
    expect(missing).toEqual([])
    await db.$disconnect()
  })

  // The same ranking must read the same in the chat (#积分榜) and in the book.
  it('委员履职 lists tied members in the same order as #积分榜 (rankMembers)', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    // Not on the roll until registered: then 孙七, and 阿明 after him, both with 0 points.
    expect((await rankMembers(db, DEFAULT_RULES, [s.A.id], 2022)).map((r) => r.name)).toEqual(['王芳', '李明'])
    await db.member.update({ where: { id: s.sun.id }, data: { realName: '孙七' } })
    await db.member.create({ data: { name: '阿明', realName: '阿明', memberships: { create: { roomId: s.A.id } } } })
    const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, tmpDir())
    const ws = sheet(await readBook(path), '委员履职')
    const ranked = await rankMembers(db, DEFAULT_RULES, [s.A.id], 2022)
    // rankMembers: 王芳 89, 李明 61, then the two 0s by pinyin: 阿明 (a) before 孙七 (s).
    expect(ranked.map((r) => r.name)).toEqual(['王芳', '李明', '阿明', '孙七'])
    expect(bodyValues(ws, 1).slice(0, -1).map(([name]) => name)).toEqual(ranked.map((r) => r.name))
    await db.$disconnect()
  })
})

describe('the sheets’ titles and long texts', () => {
  it('names up to three rooms in the title, and counts more', () => {
    const year = periodOf('year', 2022, 1)
    expect(ledgerTitle([{ name: '甲会客厅' }], year)).toBe('甲会客厅 · 2022年')
    expect(ledgerTitle([{ name: '甲会客厅' }, { name: '乙工作室' }, { name: '丙工作室' }], Q3)).toBe('甲会客厅、乙工作室、丙工作室 · 2022年第三季度')
    expect(ledgerTitle([{ name: '甲会客厅' }, { name: '乙工作室' }, { name: '丙工作室' }, { name: '丁工作室' }], Q3)).toBe('甲会客厅等4个会客厅、工作室 · 2022年第三季度')
    expect(ledgerTitle([], Q3)).toBe('2022年第三季度')
  })

  it('cuts a text longer than an Excel cell holds, and says so', async () => {
    const { db } = await freshDb()
    const s = await seed(db)
    await db.activity.update({ where: { code: 'A2' }, data: { rawText: '长'.repeat(40_000) } })
    const { path } = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, tmpDir())
    const text = sheet(await readBook(path), '活动台账').getRow(3).getCell(14).value as string
    const note = '…（超出 Excel 单元格上限，以下从略）'
    expect(text.length).toBe(32_767)
    expect(text).toBe('长'.repeat(32_767 - note.length) + note)
    await db.$disconnect()
  })
})

// ---------------------------------------------------------------------------------------------
// 2. #导出 through the real bot
// ---------------------------------------------------------------------------------------------
const at = (local: string) => new Date(`${local}+08:00`)
let minute = 0
/** Messages a minute apart, so none is taken for a re-delivery. */
async function send(chat: MockChat, from: string, text: string, where: 'group' | 'private' = 'group') {
  minute++
  const time = new Date(at('2022-10-08T09:00:00').getTime() + minute * 60_000)
  return chat.say(where === 'private' ? { from, text, time } : { room: GROUP, from, text, time })
}

describe('#导出', () => {
  it('gives two secretaries exporting at once each their own rooms’ book, fixed when asked, even while sending is held back', async () => {
    const chat = await boundChat({ start: '2022-10-08T10:00:00+08:00' })
    await chat.say({ room: '东海群', from: '管理员', text: '#绑定 东海论健工作室 工作室' })
    for (const [room, name, title] of [[GROUP, '王芳', '健康义诊'], ['东海群', '丙丁', '法律咨询']] as const) {
      await chat.say({ room, from: name, text: `#登记 ${name}` })
      await chat.say({ room, from: '管理员', text: `#秘书 @${name}` })
      await chat.say({ room, from: name, text: `#活动 9月1日 ${title}，参与人次5` })
      await verify(chat, name, room)
    }
    const release = chat.holdSending()
    await chat.say({ from: '王芳', text: '#导出 2022' })
    await chat.say({ from: '丙丁', text: '#导出 2022' })
    // A record made after the request is not in the file that request queued.
    await chat.say({ room: GROUP, from: '王芳', text: '#活动 9月2日 读书会，参与人次6' })
    const before = chat.sent.length
    release()
    await chat.app.idle()
    const files = chat.sent.slice(before).filter((m) => m.file)
    expect(files.map((m) => [m.to, m.file])).toEqual([
      ['王芳', '平湖健康家园政协委员会客厅_2022年台账.xlsx'],
      ['丙丁', '东海论健工作室_2022年台账.xlsx'],
    ])
    const titles = async (m: (typeof files)[number]) =>
      bodyValues(sheet(await readBuffer(chat.fileOf(m)!), '活动台账'), 5).map((r) => r[4]).filter((t) => t !== null)
    expect(await titles(files[0]!)).toEqual(['健康义诊'])
    expect(await titles(files[1]!)).toEqual(['法律咨询'])
    expect(readdirSync(join(chat.app.services.config.dataDir, 'exports'))).toEqual([])
  })

  it('removes export files nobody fetched after EXPORT_KEEP_DAYS', async () => {
    const dir = tmpDir()
    const { db } = await freshDb()
    const s = await seed(db)
    const old = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, dir)
    const fresh = await writeLedger(db, DEFAULT_RULES, [{ id: s.A.id, name: s.A.name }], Q3, dir)
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000)
    utimesSync(dirname(old.path), tenDaysAgo, tenDaysAgo)
    expect(sweepExports(dir, 7, new Date())).toBe(1)
    expect(existsSync(old.path)).toBe(false)
    expect(existsSync(fresh.path)).toBe(true)
    await db.$disconnect()
  })

  const ROOM = '平湖健康家园政协委员会客厅' // what boundChat binds GROUP as
  const expectedName = ledgerFileName([{ name: ROOM }], Q3)

  /** A bound room with 王芳 as secretary, 李明 a member, and some records made by chatting. */
  async function room() {
    const dataDir = tmpDir()
    const chat = await boundChat({ env: { DATA_DIR: dataDir }, start: '2022-10-08T08:00:00+08:00' })
    expect(chat.app.services.config.dataDir).toBe(dataDir)
    await send(chat, '王芳', '#登记 王芳 医药卫生')
    await send(chat, '李明', '#登记 李明 教育')
    await send(chat, '管理员', '#秘书 @王芳')
    const made = async (text: string, expected: string) => {
      const out = await send(chat, '李明', text)
      expect(out.map((m) => m.text ?? '').join('\n')).toContain(expected)
    }
    await made('#活动 9月1日 读书会，参与人次20', '已记录活动 A1')
    await made('#活动 7月3日 健康义诊，服务群众200人次', '已记录活动 A2')
    await made('#活动 8月1日 座谈会，参与人次10', '已记录活动 A3')
    await made('#撤销 A3', 'A3')
    await made('#活动 6月30日 健康讲座，参与人次7', '已记录活动 A4') // June: not Q3
    await made('#活动 10月2日 法律咨询，参与人次9', '已记录活动 A5') // October: not Q3
    await made('#民意 关于增设公交站点的建议', '已记录社情民意 M1') // message date 2022-10-08: not Q3
    await made('#提案 关于加快推进中医药事业发展的建议', '已记录提案 T1') // 2022-10-08: not Q3
    return { chat, dataDir, exports: join(dataDir, 'exports') }
  }

  it('sends the secretary a text and then the workbook, whose rows and summary are the room\'s Q3', async () => {
    const { chat, exports } = await room()
    const activities = await chat.app.services.db.activity.findMany({ orderBy: { id: 'asc' } })
    expect(activities.map((a) => [a.code, a.date, a.withdrawn])).toEqual([
      ['A1', '2022-09-01', false], ['A2', '2022-07-03', false], ['A3', '2022-08-01', true],
      ['A4', '2022-06-30', false], ['A5', '2022-10-02', false],
    ])
    const out = await send(chat, '王芳', '#导出 2022Q3')
    expect(out).toHaveLength(2)
    expect(out[0]!.to).toBe(GROUP)
    // Every sheet the workbook has, named as it is filed (it named five of seven).
    expect(out[0]!.text).toBe(`2022年第三季度台账（${ROOM}）见下方文件：活动台账、社情民意台账、提案台账、调研报告台账、大会发言台账、委员履职、汇总。`)
    expect(out[0]!.file).toBeUndefined()
    expect(out[1]).toMatchObject({ to: GROUP, file: expectedName })
    expect(expectedName).toBe('平湖健康家园政协委员会客厅_2022年第三季度台账.xlsx')
    expect(out[1]!.text).toBeUndefined()
    // Sent: the file the export wrote for this request is gone from the data folder.
    expect(readdirSync(exports)).toEqual([])

    const wb = await readBuffer(chat.fileOf(out[1]!)!)
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS])
    const ws = sheet(wb, '活动台账')
    expect(ws.getRow(1).getCell(1).value).toBe(`${ROOM} · 2022年第三季度 活动台账`)
    // Q3: A2 (07-03) then A1 (09-01); A3 withdrawn, A4 June, A5 October. 20 + – = 20; – + 200 = 200.
    // 活动内容: each member's words as sent, the tag aside.
    expect(bodyValues(ws, 15).map((r) => [r[0], r[1], r[8], r[9], r[13]])).toEqual([
      ['A2', d('2022-07-03'), null, 200, '7月3日 健康义诊，服务群众200人次'],
      ['A1', d('2022-09-01'), 20, null, '9月1日 读书会，参与人次20'],
      ['合计', '2 场', 20, 200, null],
    ])
    expect(expectDateColumns(ws, [2], 2)).toBe(2)
    expect(bodyValues(sheet(wb, '社情民意台账'), 1).map(([c]) => c)).toEqual(['合计'])
    expect(bodyValues(sheet(wb, '提案台账'), 1).map(([c]) => c)).toEqual(['合计'])
    const boundRoom = await chat.app.services.db.room.findFirstOrThrow({ where: { name: ROOM } })
    const figures = await computeFigures(chat.app.services.db, { roomIds: [boundRoom.id], from: Q3.from, to: Q3.to })
    // Nobody was named as taking part: 李明, registered, is counted as the one who reported both.
    expect(summaryOf(figures)).toEqual([2, 20, 1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(bodyValues(sheet(wb, '汇总'), 2)).toEqual(SUMMARY_LABELS.map((label, i) => [label, summaryOf(figures)[i]]))
    // 委员履职, 2022: 李明 reported A1, A2, A4, A5 naming nobody, so took part himself (4 × 3,
    // capped at 10) and led M1 (dated 2022-10-08, the message day) → 10; T1 handed in but not
    // registered → 0 points, 1 proposal. 王芳 (registered) has 0. 管理员 only keeps the books
    // (never registered, never named in a record): staff, not ranked.
    const people = bodyValues(sheet(wb, '委员履职'), 12)
    expect(people).toEqual([
      ['李明', '李明', '教育', ROOM, 4, 1, 1, 0, 0, 20, '待改进', '达标'],
      ['王芳', '王芳', '医药卫生', ROOM, 0, 0, 0, 0, 0, 0, '待改进', '未达标'],
      ['合计', '2 人', null, null, null, null, null, null, null, null, null, null],
    ])
  })

  it('活动内容 is the member\'s words without the tag; after #修改 it says the columns hold the corrected values', async () => {
    const { chat } = await room()
    expect((await send(chat, '李明', '#修改 A1 参与人次=25')).map((m) => m.text).join('\n')).toContain('参与人次：25')
    // Tagged at the end, by an alias: the tag is not part of what happened either.
    expect((await send(chat, '李明', '7月5日 健康讲座，参与人次12\n#履职活动')).map((m) => m.text).join('\n')).toContain('已记录活动 A6')
    const out = await send(chat, '王芳', '#导出 2022Q3')
    const ws = sheet(await readBuffer(chat.fileOf(out[1]!)!), '活动台账')
    expect(bodyValues(ws, 15).map((r) => [r[0], r[8], r[13]])).toEqual([
      ['A2', null, '7月3日 健康义诊，服务群众200人次'],
      ['A6', 12, '7月5日 健康讲座，参与人次12'],
      // The message said 20; the column, like every figure, is the corrected 25.
      ['A1', 25, '9月1日 读书会，参与人次20\n（以上是原始消息，之后用 #修改 改过：表中各栏是改后的）'],
      ['合计', 37, null],
    ])
  })

  it('活动内容 leaves out a COMMAND_ALIASES tag whole, and keeps a member\'s own dividers under a quote', async () => {
    // 活动报 stands for 活动 through another alias, as the router takes it.
    const chat = await boundChat({ env: { DATA_DIR: tmpDir(), COMMAND_ALIASES: '活动登记=活动,活动报=活动登记' }, start: '2022-10-08T08:00:00+08:00' })
    await send(chat, '王芳', '#登记 王芳 医药卫生')
    await send(chat, '管理员', '#秘书 @王芳')
    expect((await send(chat, '李明', '#活动登记 9月1日 读书会，参与人次20')).map((m) => m.text).join('\n')).toContain('已记录活动 A1')
    // A quoted reply: the quote goes when the message comes in; the member's own ------ stays.
    const quoted = '「王芳：明天几点？」\n- - - - - - - - - - - - - - -\n9月3日 座谈会\n------\n王芳、李明参加，参与人次9\n#活动'
    expect((await send(chat, '李明', quoted)).map((m) => m.text).join('\n')).toContain('已记录活动 A2')
    expect((await send(chat, '李明', '#活动报 9月4日 义诊，参与人次6')).map((m) => m.text).join('\n')).toContain('已记录活动 A3')
    // An older version stored the message as sent: a leading @mention and a full-width ＃.
    await chat.app.services.db.activity.update({ where: { code: 'A3' }, data: { rawText: '@会客厅助手 ＃活动报 9月4日 义诊，参与人次6' } })
    const out = await send(chat, '王芳', '#导出 2022Q3')
    const ws = sheet(await readBuffer(chat.fileOf(out[1]!)!), '活动台账')
    expect(bodyValues(ws, 15).map((r) => [r[0], r[13]])).toEqual([
      ['A1', '9月1日 读书会，参与人次20'],
      ['A2', '9月3日 座谈会\n------\n王芳、李明参加，参与人次9'],
      ['A3', '9月4日 义诊，参与人次6'],
      ['合计', null],
    ])
  })

  it('sends the admin the same file in the group', async () => {
    const { chat, exports } = await room()
    const out = await send(chat, '管理员', '#导出 2022Q3')
    expect(out.map((m) => m.file ?? 'text')).toEqual(['text', expectedName])
    expect(out[0]!.text).toContain('2022年第三季度台账')
    expect(chat.fileOf(out[1]!)!.length).toBeGreaterThan(1000)
    expect(readdirSync(exports)).toEqual([])
  })

  it('sends the secretary, in a private chat, the rooms she is secretary of', async () => {
    const { chat } = await room()
    const unverified = await send(chat, '王芳', '#导出 2022Q3', 'private')
    expect(unverified.map((m) => m.file)).toEqual([undefined])
    expect(unverified[0]!.text).toContain('私聊导出台账需要先认证')
    await verify(chat, '王芳')
    const out = await send(chat, '王芳', '#导出 2022Q3', 'private')
    expect(out).toHaveLength(2)
    expect(out.map((m) => m.to)).toEqual(['王芳', '王芳'])
    expect(out[1]!.file).toBe(expectedName)
  })

  it('refuses an ordinary member, writing no file', async () => {
    const { chat, exports } = await room()
    const out = await send(chat, '李明', '#导出')
    expect(out).toHaveLength(1)
    expect(out[0]!.text).toContain('只有本群秘书或管理员可以导出台账')
    expect(out[0]!.file).toBeUndefined()
    expect(existsSync(exports)).toBe(false)
    const also = await send(chat, '李明', '#导出 2022Q3')
    expect(also.map((m) => m.file)).toEqual([undefined])
    expect(also[0]!.text).toContain('只有本群秘书或管理员可以导出台账')
  })

  it('names a period it cannot read, in Chinese, and sends no file', async () => {
    const { chat, exports } = await room()
    const out = await send(chat, '王芳', '#导出 2022年13月')
    expect(out).toHaveLength(1)
    expect(out[0]!.text).toContain('期间看不懂："2022年13月"')
    expect(out[0]!.text).toContain('2022Q3')
    expect(out[0]!.file).toBeUndefined()
    expect(existsSync(exports)).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
// 3. npm run export
// ---------------------------------------------------------------------------------------------
describe('src/cli/export.ts', () => {
  it('writes the workbook of one room, its 汇总 equal to computeFigures for that room', async () => {
    const { db, file } = await freshDb()
    const s = await seed(db)
    const expected = await computeFigures(db, { roomIds: [s.A.id], from: Q3.from, to: Q3.to })
    // Room A, Q3: A2, A6 → 2; 8+5 = 13; 200+60 = 260; 王芳, 李明 = 2; M2 = 1; city M1 (07-05) + M2 (08-01) = 2,
    // province M2 = 1 (M4's national: withdrawn); instructed M2 = 1; resolved 0 (M2 October);
    // T1 = 1; registered T1, T3 = 2; answered T1 = 1.
    expect(summaryOf(expected)).toEqual([2, 13, 2, 260, 1, 0, 2, 1, 0, 1, 0, 1, 2, 1, 0, 0, 0, 0, 0, 0])
    await db.$disconnect()
    const out = join(tmpDir(), 'q3.xlsx')
    const { stderr } = await runFile(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', '--period', '2022Q3', '--out', out, '--db', file, '--room', '健康群'])
    expect(stderr).toContain(`已写入 ${out}`)
    const wb = await readBook(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS])
    const summary = sheet(wb, '汇总')
    expect(summary.getRow(1).getCell(1).value).toBe('健康家园会客厅 · 2022年第三季度 汇总')
    expect(summary.getRow(2).getCell(2).value).toBe('2022年第三季度')
    expect(bodyValues(summary, 2)).toEqual(SUMMARY_LABELS.map((label, i) => [label, summaryOf(expected)[i]]))
    expect(bodyValues(sheet(wb, '活动台账'), 1).map(([c]) => c)).toEqual(['A2', 'A6', '合计'])
    // Room A's members only, and only room A in their rooms column.
    expect(bodyValues(sheet(wb, '委员履职'), 4).map((r) => [r[0], r[3]])).toEqual([
      ['王芳', '健康家园会客厅'], ['李明', '健康家园会客厅'], ['合计', null],
    ])
  }, 60_000)

  it('exits 2 with 缺少 --out when --out is missing', async () => {
    const { db, file } = await freshDb()
    await db.$disconnect()
    const error = await runFile(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', '--period', '2022Q3', '--db', file]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    )
    expect(error).toBeDefined()
    expect(error!.code).toBe(2)
    expect(error!.stderr).toContain('缺少 --out')
    expect(error!.stderr).toContain('用法：')
  }, 60_000)

  it('exits 2 naming a room it cannot find', async () => {
    const { db, file } = await freshDb()
    await seed(db)
    await db.$disconnect()
    const out = join(tmpDir(), 'none.xlsx')
    const error = await runFile(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', '--period', '2022Q3', '--out', out, '--db', file, '--room', '没有这个群']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    )
    expect(error?.code).toBe(2)
    expect(error?.stderr).toContain('找不到会客厅或群「没有这个群」')
    expect(existsSync(out)).toBe(false)
  }, 60_000)
})
