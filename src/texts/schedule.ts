// What the schedule sends besides digests (src/texts/digest.ts): reminders, nudges, follow-ups.
import type { PlannedActivityModel as PlannedActivity } from '../generated/prisma/models.js'
import type { StalledReport } from '../services/schedule-data.js'
import { dateWithWeekday } from './records.js'

export function planReminderText(plan: PlannedActivity, which: 'eve' | 'lead', leadMinutes: number): string {
  const where = plan.place ? `，地点：${plan.place}` : ''
  const when = which === 'eve' ? `明天 ${dateWithWeekday(plan.date)} ${plan.time}` : `${leadMinutes >= 60 && leadMinutes % 60 === 0 ? `${leadMinutes / 60} 小时` : `${leadMinutes} 分钟`}后（${plan.time}）`
  return [
    `【活动${which === 'eve' ? '预告' : '提醒'}】${when}：${plan.title}${where}。`,
    which === 'eve' ? '请参加的委员做好准备。' : '请参加的委员准时到场。',
    `活动后发送 #活动 ${plan.code} 参与人次=… 服务人次=… 即可记录，不用重写。`,
  ].join('\n')
}

/** The monthly nudge to a room with no activity yet: its leads are asked by name, else everyone. */
export function quietRoomNudgeText(monthIndex: number, leadNames: readonly string[]): string {
  const who = leadNames.length > 0 ? `请牵头委员 ${leadNames.map((n) => `@${n}`).join(' ')} 牵头安排一次` : '请大家商量安排一次（可用 #牵头 @某人 设置牵头委员）'
  return `【月月有活动】${monthIndex}月已过去大半，本群还没有记录活动。${who}，活动后发送 #活动 记录即可；已经办过的也请补记。`
}

/** The 社情民意 of a room with no new step for `days` days, for its secretaries. */
export function stalledReportsText(roomName: string, days: number, stalled: readonly StalledReport[]): string {
  return [
    `【社情民意跟进】${roomName} 有 ${stalled.length} 篇超过 ${days} 天没有新进展：`,
    ...stalled.map((r) => `${r.code} ${r.date} ${r.title}${r.events.length ? `（最近：${r.events.at(-1)!.date}）` : '（尚无进展）'}`),
    '有进展请在群里发送 #采纳 / #批示 / #办结 <编号>。',
  ].join('\n')
}
