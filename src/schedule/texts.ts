import type { PlannedActivityModel as PlannedActivity } from '../generated/prisma/models.js'
import { dateWithWeekday } from '../texts/records.js'

export function planReminderText(plan: PlannedActivity, which: 'eve' | 'lead', leadMinutes: number): string {
  const where = plan.place ? `，地点：${plan.place}` : ''
  const when = which === 'eve' ? `明天 ${dateWithWeekday(plan.date)} ${plan.time}` : `${leadMinutes >= 60 && leadMinutes % 60 === 0 ? `${leadMinutes / 60} 小时` : `${leadMinutes} 分钟`}后（${plan.time}）`
  return [
    `【活动${which === 'eve' ? '预告' : '提醒'}】${when}：${plan.title}${where}。`,
    which === 'eve' ? '请参加的委员做好准备。' : '请参加的委员准时到场。',
    `活动后发送 #活动 ${plan.code} 参与人次=… 服务人次=… 即可记录，不用重写。`,
  ].join('\n')
}
