// 调研报告 (R): read wholly from its field table; 采纳 and 批示 are fields, scored when present.
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { RESEARCH_TABLE } from '../domain/research.js'
import {
  createResearch, findResearch, membersInResearch, latestResearch, researchAsFields, researchInRange, researchOfMember, setResearchWithdrawn,
  updateResearch, type ResearchWithAuthors,
} from '../services/research-reports.js'
import { tableLines, templateOf } from '../texts/fields.js'
import { COUNTED, type KindSpec } from './kind.js'
import { tableParts, tableSheetColumns } from './table-kind.js'

const COMMAND = '调研报告'

const sheet = tableSheetColumns(RESEARCH_TABLE)

export const researchKind = {
  ...KIND_IDENTITIES.research,
  ...COUNTED,
  command: {
    name: COMMAND,
    aliases: ['调研成果'],
    summary: '记录一篇调研报告（被采纳、获批示可写在里面）',
    usage: '#调研报告 标题：关于…的调研报告 作者：张三、李四 采纳：…',
    template: templateOf(COMMAND, RESEARCH_TABLE),
    notes: ['作者不写按发送人，第一位为牵头人；日期不写按当天。', '后来被采纳或获批示：#修改 <编号> 采纳=<单位> 或 批示=<内容>，积分随之加上。'],
  },
  ...tableParts(RESEARCH_TABLE),
  asFields: researchAsFields,
  find: findResearch,
  create: createResearch,
  update: updateResearch,
  latest: async (db, roomId, n) => (await latestResearch(db, roomId, n)).map((r) => ({ ...r, tag: KIND_IDENTITIES.research.tag })),
  setWithdrawn: (db, record, withdrawn, _at, after) => setResearchWithdrawn(db, record.code, withdrawn, after),
  lines: (r) => tableLines(RESEARCH_TABLE, researchAsFields(r), r.authors),
  steps: () => [],
  nextSteps: (r) => `后来被采纳或获批示，请发送 #修改 ${r.code} 采纳=单位 或 批示=内容`,
  sheet: {
    name: '调研报告台账',
    columns: sheet.columns,
    load: (db, roomIds, period) => researchInRange(db, roomIds, period.from, period.to),
    cells: (r, roomName) => sheet.cells(researchAsFields(r), r.code, roomName, r.reporterName),
  },
  async score(db, rules, memberId, year) {
    const authored = await researchOfMember(db, memberId, `${year}-01-01`, `${year}-12-31`)
    const entries = authored.flatMap(({ record: r, isLead }) => {
      const base = { rule: 'research' as const, recordCode: r.code, title: r.title, date: r.date }
      return [
        { ...base, why: isLead ? '调研报告（牵头）' : '调研报告（参与）', rawPoints: isLead ? rules.research.lead : rules.research.coAuthor },
        ...(r.adoptedBy ? [{ ...base, why: '调研报告被采纳', rawPoints: rules.research.adoptedBonus }] : []),
        ...(r.instruction ? [{ ...base, why: '调研报告获批示', rawPoints: rules.research.instructedBonus }] : []),
      ]
    })
    return { entries, count: authored.length }
  },
  membersNamed: membersInResearch,
  yearCount: { label: '调研报告', unit: '篇', alwaysShown: false },
} satisfies KindSpec<ResearchWithAuthors, ReturnType<typeof researchAsFields>>
