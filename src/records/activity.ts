// 活动 (A): its own parser (one-line and narrative messages too); the monthly figures follow
// every write, edit, withdrawal and restore (services/monthly-rows.ts).
import { ACTIVITY_ROWS, ACTIVITY_TABLE } from '../domain/activity.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { excelDate } from '../export/sheet.js'
import { activityToText, editActivityText, parseActivity } from '../parsing/mod.js'
import {
  activitiesInRange, activitiesOfMember, membersInActivities, activityAsFields, createActivity, findActivity, latestActivities, setActivityWithdrawn, updateActivity,
  type ActivityPreview, type ActivityWithPeople, type LedgerActivity,
} from '../services/activities.js'
import { activityContent, activityLines, membersTakingPart, missingFigureHint } from '../texts/records.js'
import { matchStored, withAliases, type AliasPair } from '../router/command-text.js'
import { COUNTED, type KindSpec } from './kind.js'
import { fieldColumn } from './table-kind.js'
import { templateOf } from '../texts/fields.js'

const COMMAND = '活动'
const ALIASES = ['活动记录', '履职活动']

/** The words the parser read: the stored message without its tag, whichever of the deployment's tags it was. */
function wordsOf(rawText: string, aliases: readonly AliasPair[]): string {
  // Aliases of other commands are not ours to know here, and no activity was tagged with one.
  const tags = withAliases([COMMAND, ...ALIASES].map((tag) => [tag, COMMAND]), aliases, () => undefined)
  const match = matchStored(rawText, tags)
  return match.kind === 'command' ? match.args : rawText
}

type Key = (typeof ACTIVITY_ROWS)[number]['key']
const column = (key: Key) => fieldColumn(ACTIVITY_ROWS.find((r) => r.key === key)!)

export const activityKind = {
  ...KIND_IDENTITIES.activity,
  ...COUNTED,
  command: {
    name: COMMAND,
    aliases: ALIASES,
    summary: '记录一次活动（可以写成一句话，也可以按字段写）',
    usage: '#活动 9月19日在市爱卫中心开展健康义诊，委员8人参加，服务群众200余人次',
    template: templateOf(COMMAND, ACTIVITY_TABLE),
    notes: [
      '不写日期按消息当天记；参与人次、服务人次月报要统计，没写会提醒。',
      '办过的预告直接转成记录：#活动 <预告编号> 参与人次=… 服务人次=…',
      '看不懂的地方回复会指出，原文存为草稿（D 编号），用 #修改 D… 字段=值 补正。',
    ],
  },
  parse: parseActivity,
  editText: editActivityText,
  toText: activityToText,
  asFields: activityAsFields,
  find: findActivity,
  create: createActivity,
  update: updateActivity,
  latest: async (db, roomId, n) => (await latestActivities(db, roomId, n)).map((a) => ({ ...a, tag: a.type })),
  setWithdrawn: (db, record, withdrawn, _at, after) => setActivityWithdrawn(db, record, withdrawn, after),
  lines: (a) => activityLines(a),
  steps: () => [],
  nextSteps: (a) => missingFigureHint(a),
  sheet: {
    name: '活动台账',
    // Widths fit A4 landscape (the sheets print one page wide): long texts wrap in narrower columns.
    columns: [
      { header: '编号', width: 7 }, column('date'), column('time'), { header: '会客厅/工作室', width: 14 },
      column('title'), column('type'), column('place'), column('memberNames'), column('participants'), column('reach'),
      column('partners'), column('brand'), column('note'), { header: '活动内容', width: 44 }, { header: '记录人', width: 8 },
    ],
    load: (db, roomIds, period) => activitiesInRange(db, roomIds, period.from, period.to),
    cells: (a, roomName, aliases) => [
      a.code, excelDate(a.date), a.time, roomName, a.title, a.type, a.place,
      membersTakingPart(a), a.participants, a.reach, a.partners, a.brand, a.note, activityContent(wordsOf(a.rawText, aliases), a.edited), a.reporterName,
    ],
    totals: (records, figures) => ['合计', `${records.length} 场`, null, null, null, null, null, `${figures.members} 人`, figures.participants, figures.reach],
  },
  async score(db, rules, memberId, year) {
    const activities = await activitiesOfMember(db, memberId, `${year}-01-01`, `${year}-12-31`)
    const entries = activities.map((a) => {
      const training = a.type === '培训'
      return { rule: training ? ('training' as const) : ('activity' as const), recordCode: a.code, title: a.title, date: a.date, why: a.type, rawPoints: training ? rules.training.points : rules.activity.points }
    })
    return { entries, count: activities.length }
  },
  membersNamed: membersInActivities,
  yearCount: { label: '参加活动', unit: '次', alwaysShown: true },
} satisfies KindSpec<ActivityWithPeople, ReturnType<typeof activityAsFields>, ActivityPreview, LedgerActivity>
