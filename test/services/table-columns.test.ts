import { describe, expect, it } from 'vitest'
import { Prisma, type Proposal, type ResearchReport } from '../../src/generated/prisma/client.js'
import { OPINION_TABLE } from '../../src/domain/opinion.js'
import { PROPOSAL_TABLE } from '../../src/domain/proposal.js'
import { RESEARCH_TABLE } from '../../src/domain/research.js'
import { SPEECH_TABLE } from '../../src/domain/speech.js'
import { parseLabelled, type FieldTable } from '../../src/parsing/field-table.js'
import { columnsOf, fieldsOf, type StoredIn } from '../../src/services/table-columns.js'

const clock = { now: new Date('2022-09-21T10:00:00+08:00'), timeZone: 'Asia/Shanghai' }

function parsed<T extends FieldTable>(table: T, body: string) {
  const outcome = parseLabelled(table, body, clock)
  if (!outcome.ok) throw new Error(JSON.stringify(outcome))
  return outcome.value
}

describe('a table-driven kind’s columns', () => {
  it('are its rows but the names, an optional one null when not written', () => {
    const fields = parsed(RESEARCH_TABLE, '标题：城区养老服务调研\n作者：王芳、李明\n采纳：市民政局')
    expect(columnsOf(RESEARCH_TABLE, fields)).toEqual({
      title: '城区养老服务调研', date: '2022-09-21', adoptedBy: '市民政局', instruction: null, content: null,
    })
  })

  it('read back as the same fields, with the names as written and the date as stored', () => {
    const fields = parsed(SPEECH_TABLE, '题目：关于加快数字乡村建设的发言\n会议：市政协十三届二次会议\n形式：书面\n发言人：王芳、李明\n摘要：建议三条')
    const record = { id: 7, code: 'S1', ...columnsOf(SPEECH_TABLE, fields), withdrawn: false }
    expect(fieldsOf(SPEECH_TABLE, record, ['王芳', '李明'])).toEqual({ ...fields, dateDefaulted: false })
    expect(fieldsOf(SPEECH_TABLE, { ...record, content: null }, [])).toEqual({ ...fields, content: undefined, authorNames: [], dateDefaulted: false })
  })

  it.each([
    ['OpinionReport', OPINION_TABLE, Prisma.OpinionReportScalarFieldEnum],
    ['Proposal', PROPOSAL_TABLE, Prisma.ProposalScalarFieldEnum],
    ['ResearchReport', RESEARCH_TABLE, Prisma.ResearchReportScalarFieldEnum],
    ['ConferenceSpeech', SPEECH_TABLE, Prisma.ConferenceSpeechScalarFieldEnum],
  ] as const)('of %s are each a column of the model: nothing a member writes is left unstored', (_model, table, scalars) => {
    const names = table.rows.filter((row) => row.value.type !== 'names').map((row) => row.key)
    expect(names.filter((key) => !(key in scalars))).toEqual([])
    expect(names.length).toBeGreaterThan(2)
  })

  it('that a model lacks, or holds as another type, stop the service from compiling (npm test runs tsc)', () => {
    const withSponsor = { rows: [...PROPOSAL_TABLE.rows, { key: 'sponsor', name: '主办', labels: ['主办'], value: { type: 'text', max: 30 } }], notLabels: [] } as const satisfies FieldTable
    // @ts-expect-error Proposal has no column 'sponsor'
    const lacking: StoredIn<typeof withSponsor, Proposal> = withSponsor
    const counted = { rows: [{ key: 'adoptedBy', name: '采纳', labels: ['采纳'], value: { type: 'count' } }], notLabels: [] } as const satisfies FieldTable
    // @ts-expect-error ResearchReport.adoptedBy holds text, not a count
    const mistyped: StoredIn<typeof counted, ResearchReport> = counted
    const stored: StoredIn<typeof RESEARCH_TABLE, ResearchReport> = RESEARCH_TABLE
    expect([lacking, mistyped, stored]).toEqual([withSponsor, counted, RESEARCH_TABLE])
  })
})
