// 社情民意 (M): its own parser (content runs, 领域 normalised); 采纳, 批示 and 办结 are dated steps.
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { OPINION_TABLE } from '../domain/opinion.js'
import { excelDate } from '../export/sheet.js'
import { editOpinionText, opinionToText, parseOpinion } from '../parsing/mod.js'
import {
  ADOPTION_LEVELS, createOpinion, membersInOpinions, findOpinion, latestOpinions, opinionAsFields, opinionsInRange, opinionsOfMember, setOpinionWithdrawn,
  updateOpinion, type AdoptionLevel, type OpinionWithHistory,
} from '../services/opinions.js'
import { statusLabel } from '../texts/records.js'
import { tableLines, templateOf } from '../texts/fields.js'
import { COUNTED, type KindSpec } from './kind.js'
import { COUNT, DATE, fieldColumn } from './table-kind.js'

const COMMAND = '民意'

const row = (key: (typeof OPINION_TABLE)['rows'][number]['key']) => OPINION_TABLE.rows.find((r) => r.key === key)!
const LEVELS = Object.keys(ADOPTION_LEVELS) as AdoptionLevel[]

/** A report's 批示: one instruction's text; several, each after its date, a line each. */
function instructionsCell(events: { kind: string; date: string; detail: string | null }[]): string | null {
  const instructions = events.filter((e) => e.kind === 'instructed')
  if (instructions.length <= 1) return instructions[0]?.detail ?? null
  return instructions.map((e) => `${e.date} ${e.detail ?? '（未写内容）'}`).join('\n')
}

const dateOf = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)

export const opinionKind = {
  ...KIND_IDENTITIES.opinion,
  ...COUNTED,
  command: {
    name: COMMAND,
    aliases: ['社情民意', '民情'],
    summary: '记录一条社情民意信息',
    usage: '#民意 标题：关于…的建议 领域：养老 内容：…',
    template: templateOf(COMMAND, OPINION_TABLE),
    notes: ['不写标签名时第一行就是标题；提交人不写按发送人，写多人为联名，第一位为牵头人。', '采纳、批示、办结由秘书登记：#帮助 采纳'],
  },
  parse: parseOpinion,
  editText: editOpinionText,
  toText: opinionToText,
  asFields: opinionAsFields,
  find: findOpinion,
  create: createOpinion,
  update: updateOpinion,
  latest: async (db, roomId, n) =>
    (await latestOpinions(db, roomId, n)).map((r) => {
      const latest = r.events.at(-1)
      return { ...r, tag: KIND_IDENTITIES.opinion.tag, ...(latest ? { status: statusLabel(latest) } : {}) }
    }),
  setWithdrawn: setOpinionWithdrawn,
  lines: (r) => tableLines(OPINION_TABLE, opinionAsFields(r), r.authors),
  steps: (r) => r.events.map((e) => `${e.date} ${statusLabel(e)}（${e.actorName}）`),
  nextSteps: (r, config) => `采纳、批示、办结由秘书发送：#采纳 ${r.code} 市级${config.COMMITTEE_NAME ? ` ${config.COMMITTEE_NAME}` : ''} / #批示 ${r.code} / #办结 ${r.code}`,
  sheet: {
    name: '社情民意台账',
    columns: [
      { header: '编号', width: 7 }, fieldColumn(row('date')), { header: '会客厅/工作室', width: 14 },
      fieldColumn(row('title')), fieldColumn(row('field')), fieldColumn(row('authorNames')), fieldColumn(row('content')),
      ...LEVELS.map((l) => ({ header: `${ADOPTION_LEVELS[l]}采纳`, width: 6, numFmt: COUNT })),
      { header: '采纳单位', width: 14 }, { header: '批示日期', width: 11, numFmt: DATE }, { header: '批示内容', width: 24 },
      { header: '办结日期', width: 11, numFmt: DATE },
    ],
    load: (db, roomIds, period) => opinionsInRange(db, roomIds, period.from, period.to),
    cells: (r, roomName) => [
      r.code, excelDate(r.date), roomName, r.title, r.field, r.authors.map((a) => a.name).join('、'), r.content?.trim() || null,
      ...LEVELS.map((level) => (r.events.some((e) => e.kind === 'adopted' && e.level === level) ? 1 : null)),
      r.events.filter((e) => e.kind === 'adopted' && e.detail).map((e) => e.detail).join('、') || null,
      dateOf(r.events, 'instructed'), instructionsCell(r.events), dateOf(r.events, 'resolved'),
    ],
  },
  async score(db, rules, memberId, year) {
    const inYear = (date: string) => date.startsWith(`${year}-`)
    const entries = []
    let count = 0
    for (const { record: report, isLead } of await opinionsOfMember(db, memberId)) {
      const base = { recordCode: report.code, title: report.title }
      if (inYear(report.date)) {
        count++
        entries.push({ ...base, rule: 'opinion' as const, date: report.date, why: isLead ? '牵头' : '联名', rawPoints: isLead ? rules.opinion.lead : rules.opinion.coAuthor })
      }
      for (const e of report.events.filter((e) => inYear(e.date) && e.kind === 'adopted' && e.level)) {
        const level = e.level as AdoptionLevel
        entries.push({ ...base, rule: 'adoption' as const, date: e.date, why: `${ADOPTION_LEVELS[level]}采纳`, rawPoints: rules.adoption[level] })
      }
      // The first instruction counts, in the year it was given.
      const instructed = report.events.filter((e) => e.kind === 'instructed').sort((a, b) => a.date.localeCompare(b.date))[0]
      if (instructed && inYear(instructed.date)) {
        entries.push({ ...base, rule: 'instruction' as const, date: instructed.date, why: '批示', rawPoints: rules.instruction.points })
      }
    }
    return { entries, count }
  },
  membersNamed: membersInOpinions,
  yearCount: { label: '社情民意', unit: '篇', alwaysShown: true },
} satisfies KindSpec<OpinionWithHistory, ReturnType<typeof opinionAsFields>>
