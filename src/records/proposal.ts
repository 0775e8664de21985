// 提案 (T): its own parser (type inferred from the proposers); 立案, 并案, 办复, 重点 are steps.
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { PROPOSAL_TABLE } from '../domain/proposal.js'
import { excelDate } from '../export/sheet.js'
import { editProposalText, parseProposal, proposalToText } from '../parsing/mod.js'
import {
  createProposal, findProposal, membersInProposals, latestProposals, proposalAsFields, proposalsInRange, proposalsOfMember, readAnswer, setProposalWithdrawn,
  updateProposal, type ProposalWithHistory,
} from '../services/proposals.js'
import { proposalStepLabel } from '../texts/records.js'
import { tableLines, templateOf } from '../texts/fields.js'
import { COUNTED, type KindSpec } from './kind.js'
import { DATE, fieldColumn } from './table-kind.js'

const COMMAND = '提案'

const row = (key: (typeof PROPOSAL_TABLE)['rows'][number]['key']) => PROPOSAL_TABLE.rows.find((r) => r.key === key)!
const stepDate = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)

export const proposalKind = {
  ...KIND_IDENTITIES.proposal,
  ...COUNTED,
  command: {
    name: COMMAND,
    aliases: ['提案记录'],
    summary: '记录一件提案（个人、联名或集体）',
    usage: '#提案 案由：关于…的建议 类型：联名 提案人：张三、李四',
    template: templateOf(COMMAND, PROPOSAL_TABLE),
    notes: [
      '不写标签名时第一行就是案由；类型（个人、联名、集体）不写时按提案人数判断；提案人不写按发送人，第一位为领衔。',
      '立案、并案、办复、重点由秘书登记：#帮助 立案',
    ],
  },
  parse: parseProposal,
  editText: editProposalText,
  toText: proposalToText,
  asFields: proposalAsFields,
  find: findProposal,
  create: createProposal,
  update: updateProposal,
  latest: async (db, roomId, n) =>
    (await latestProposals(db, roomId, n)).map((p) => {
      const latest = p.events.at(-1)
      return { ...p, tag: KIND_IDENTITIES.proposal.tag, ...(latest ? { status: proposalStepLabel(latest) } : {}) }
    }),
  setWithdrawn: (db, record, withdrawn, _at, after) => setProposalWithdrawn(db, record, withdrawn, after),
  // 类型 reads as the kind of proposal it is: 联名提案.
  lines: (p) => tableLines(PROPOSAL_TABLE, { ...proposalAsFields(p), type: `${p.type}提案` }, p.authors, '领衔'),
  steps: (p) => p.events.map((e) => `${e.date} ${proposalStepLabel(e)}（${e.actorName}）`),
  nextSteps: (p) => `立案、并案、办复由秘书发送：#立案 ${p.code} / #办复 ${p.code} 满意`,
  sheet: {
    name: '提案台账',
    columns: [
      { header: '编号', width: 7 }, fieldColumn(row('date')), { header: '会客厅/工作室', width: 14 },
      fieldColumn(row('title')), fieldColumn(row('type')), fieldColumn(row('authorNames')), fieldColumn(row('field')), fieldColumn(row('content')),
      { header: '立案日期', width: 11, numFmt: DATE }, { header: '承办单位', width: 16 }, { header: '并入', width: 6 },
      { header: '办复日期', width: 11, numFmt: DATE }, { header: '满意度', width: 8 }, { header: '答复', width: 40 },
      { header: '重点', width: 6 }, { header: '重要', width: 6 },
    ],
    load: (db, roomIds, period) => proposalsInRange(db, roomIds, period.from, period.to),
    cells(p, roomName) {
      const answer = readAnswer(p.events.find((e) => e.kind === 'answered')?.detail)
      return [
        p.code, excelDate(p.date), roomName, p.title, p.type, p.authors.map((a) => a.name).join('、'), p.field, p.content,
        stepDate(p.events, 'registered'), p.events.find((e) => e.kind === 'registered')?.detail ?? null,
        p.events.find((e) => e.kind === 'merged')?.detail ?? null, stepDate(p.events, 'answered'),
        answer.satisfaction ?? null, answer.reply ?? null,
        p.events.some((e) => e.kind === 'key') ? '是' : null, p.events.some((e) => e.kind === 'important') ? '是' : null,
      ]
    },
  },
  async score(db, rules, memberId, year) {
    const inYear = (date: string) => date.startsWith(`${year}-`)
    const entries = []
    let count = 0
    for (const { record: proposal, isLead } of await proposalsOfMember(db, memberId)) {
      if (inYear(proposal.date)) count++
      const base = { rule: 'proposal' as const, recordCode: proposal.code, title: proposal.title }
      const step = (kind: string) => proposal.events.find((e) => e.kind === kind && inYear(e.date))
      const registered = step('registered')
      if (registered) {
        entries.push({ ...base, date: registered.date, why: isLead ? '立案（领衔）' : '立案（联名）', rawPoints: isLead ? rules.proposal.registeredLead : rules.proposal.registeredCoSigner })
      }
      // Bonuses go to the lead proposer only.
      const key = step('key')
      if (key && isLead) entries.push({ ...base, date: key.date, why: '重点提案', rawPoints: rules.proposal.keyBonus })
      const important = step('important')
      if (important && isLead) entries.push({ ...base, date: important.date, why: '重要提案', rawPoints: rules.proposal.importantBonus })
    }
    return { entries, count }
  },
  membersNamed: membersInProposals,
  yearCount: { label: '提案', unit: '件', alwaysShown: true },
} satisfies KindSpec<ProposalWithHistory, ReturnType<typeof proposalAsFields>>
