// 大会发言 (S): read wholly from its field table; an oral speech scores more than a written one.
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { SPEECH_TABLE } from '../domain/speech.js'
import {
  createSpeech, findSpeech, membersInSpeeches, latestSpeeches, setSpeechWithdrawn, speechAsFields, speechesInRange, speechesOfMember, updateSpeech,
  type SpeechWithAuthors,
} from '../services/speeches.js'
import { tableLines, templateOf } from '../texts/fields.js'
import { COUNTED, type KindSpec } from './kind.js'
import { tableParts, tableSheetColumns } from './table-kind.js'

const COMMAND = '大会发言'

const sheet = tableSheetColumns(SPEECH_TABLE)

export const speechKind = {
  ...KIND_IDENTITIES.speech,
  ...COUNTED,
  command: {
    name: COMMAND,
    aliases: ['发言'],
    summary: '记录一次全会上的大会发言（口头或书面）',
    usage: '#大会发言 题目：关于…的建议 会议：市政协…次会议 形式：口头',
    template: templateOf(COMMAND, SPEECH_TABLE),
    notes: ['题目和会议必写；形式写 口头 或 书面（正文里写了“口头发言”也认得）。', '发言人不写按发送人；日期不写按当天。'],
  },
  ...tableParts(SPEECH_TABLE),
  asFields: speechAsFields,
  find: findSpeech,
  create: createSpeech,
  update: updateSpeech,
  latest: async (db, roomId, n) => (await latestSpeeches(db, roomId, n)).map((s) => ({ ...s, tag: `${s.form}发言` })),
  setWithdrawn: (db, record, withdrawn, _at, after) => setSpeechWithdrawn(db, record.code, withdrawn, after),
  lines: (s) => tableLines(SPEECH_TABLE, speechAsFields(s), s.authors, '第一发言人'),
  steps: () => [],
  nextSteps: () => undefined,
  sheet: {
    name: '大会发言台账',
    columns: sheet.columns,
    load: (db, roomIds, period) => speechesInRange(db, roomIds, period.from, period.to),
    cells: (s, roomName) => sheet.cells(speechAsFields(s), s.code, roomName, s.reporterName),
  },
  async score(db, rules, memberId, year) {
    const spoken = await speechesOfMember(db, memberId, `${year}-01-01`, `${year}-12-31`)
    const entries = spoken.map(({ record: s }) => ({
      rule: 'speech' as const,
      recordCode: s.code,
      title: s.title,
      date: s.date,
      why: `${s.form}发言（${s.meeting}）`,
      rawPoints: s.form === '口头' ? rules.speech.oral : rules.speech.written,
    }))
    return { entries, count: spoken.length }
  },
  membersNamed: membersInSpeeches,
  yearCount: { label: '大会发言', unit: '次', alwaysShown: false },
} satisfies KindSpec<SpeechWithAuthors, ReturnType<typeof speechAsFields>>
