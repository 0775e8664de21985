import type { FieldProblem } from '../parsing/mod.js'
import { unnamedMembers, type ActivityShown } from '../services/activities.js'
import { ADOPTION_LEVELS, type AdoptionLevel, type OpinionWithHistory } from '../services/opinions.js'
import { PROPOSAL_STEPS, readAnswer, type ProposalStep, type ProposalWithHistory } from '../services/proposals.js'
import type { Revision } from '../generated/prisma/client.js'
import { KIND_IDENTITIES, fieldName, kindOfCode } from '../domain/kinds.js'

/** How every record confirmation begins ("已记录活动 A12"): a repost of one is no new record. */
export const CONFIRMATION_HEAD = new RegExp(`^\\s*(?:[「『“"]\\s*)?已记录(?:${Object.values(KIND_IDENTITIES).map((k) => k.label).join('|')}) ?[A-Z]\\d+`)

export const ACTIVITY_TEMPLATE = `#活动
时间：9月19日 下午3点
主题：健康义诊进社区
类型：义诊
地点：市爱卫中心
参与委员：张三、李四
参与人次：…
服务人次：…
联合单位：市第一人民医院
品牌：春天里·温暖你`

export const OPINION_TEMPLATE = `#民意
标题：关于加强老年人助餐服务的建议
领域：养老
提交人：张三、李四
内容：（情况、分析、建议）`

const WEEKDAYS = '日一二三四五六'

/** Long values are shortened in replies: the whole text is stored, the chat stays readable. */
export function clip(text: string, max = 200): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…（共 ${chars.length} 字）`
}

/** 2022-09-19 → 2022-09-19（周一） */
export function dateWithWeekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()
  return `${date}（周${WEEKDAYS[weekday]}）`
}

/** A plan as #预告 confirms it and #查 shows it: 2022-09-25（周日） 15:00 健康讲座，地点：市民中心 */
export function planLine(plan: { date: string; time: string; title: string; place: string | null }): string {
  return `${dateWithWeekday(plan.date)} ${plan.time} ${plan.title}${plan.place ? `，地点：${plan.place}` : ''}`
}

/** A plan one field a line (#查). */
export function planLines(plan: { date: string; time: string; title: string; place: string | null }): string[] {
  return [`时间：${dateWithWeekday(plan.date)} ${plan.time}`, `主题：${plan.title}`, ...(plan.place ? [`地点：${plan.place}`] : [])]
}

const count = (n: number | null, approx?: boolean) => (n === null ? undefined : `${n}${approx ? '（约数）' : ''}`)

/**
 * Who took part: 王芳、胡建国等6人, or 5人（未写姓名） when only a count was written; '' for
 * neither. Names are clipped at `clipAt` (confirmations), a count marked when it was a 约数.
 */
export function membersTakingPart(a: ActivityShown, options: { clipAt?: number; approx?: boolean } = {}): string {
  const names = a.participantsOf.map((p) => p.name).join('、')
  const unnamed = unnamedMembers(a)
  if (!names) return unnamed > 0 ? `${count(unnamed, options.approx)}人（未写姓名）` : ''
  return `${options.clipAt ? clip(names, options.clipAt) : names}${unnamed > 0 ? `等${a.memberCount}人` : ''}`
}

/** The activity as stored, one field a line, long values clipped; used in confirmations and #查. */
export function activityLines(a: ActivityShown, approx: { participants?: boolean; reach?: boolean; memberCount?: boolean } = {}): string[] {
  const unknown = a.participantsOf.filter((p) => p.memberId === null).map((p) => p.name)
  const people = membersTakingPart(a, { clipAt: 100, approx: approx.memberCount })
  return [
    `日期：${dateWithWeekday(a.date)}${a.time ? ` ${a.time}` : ''}`,
    `主题：${clip(a.title, 100)}`,
    `类型：${a.type}`,
    a.place && `地点：${clip(a.place, 100)}`,
    people && `参与委员：${people}${unknown.length ? `（群里没找到：${clip(unknown.join('、'), 60)}，按原文记录）` : ''}`,
    a.participants !== null && `参与人次：${count(a.participants, approx.participants)}`,
    a.reach !== null && `服务人次：${count(a.reach, approx.reach)}`,
    a.partners && `联合单位：${clip(a.partners, 100)}`,
    a.brand && `品牌：${clip(a.brand, 60)}`,
    a.note && `备注：${clip(a.note, 100)}`,
  ].filter((line): line is string => typeof line === 'string' && line !== '')
}

/** Digests count 参与人次 and 服务人次: say when they are missing and how to add them. */
export function missingFigureHint(a: ActivityShown): string | undefined {
  const missing = [a.participants === null && '参与人次', a.reach === null && '服务人次'].filter(Boolean) as string[]
  if (missing.length === 0) return undefined
  const example = missing.map((f) => `${f}=…`).join(' ')
  return `提示：未写${missing.join('、')}，月报会统计${missing.length > 1 ? '这两项' : '这一项'}。补上请发送：#修改 ${a.code} ${example}`
}

export function opinionLines(r: OpinionWithHistory): string[] {
  const authors = r.authors.map((a) => `${a.name}${a.isLead && r.authors.length > 1 ? '（牵头）' : ''}`).join('、')
  const unknown = r.authors.filter((a) => a.memberId === null).map((a) => a.name)
  return [
    `标题：${clip(r.title, 100)}`,
    `日期：${dateWithWeekday(r.date)}`,
    r.field && `领域：${clip(r.field, 30)}`,
    `提交人：${clip(authors, 100)}${unknown.length ? `（群里没找到：${clip(unknown.join('、'), 60)}，按原文记录）` : ''}`,
    r.content && `内容：${clip(r.content, 80)}`,
  ].filter((line): line is string => typeof line === 'string' && line !== '')
}

export const PROPOSAL_TEMPLATE = `#提案
案由：关于加快推进中医药事业发展的建议
类型：联名
提案人：张三、李四
领域：医疗卫生
内容：（情况、理由、办法）`

export function proposalLines(p: ProposalWithHistory): string[] {
  const authors = p.authors.map((a) => `${a.name}${a.isLead && p.authors.length > 1 ? '（领衔）' : ''}`).join('、')
  const unknown = p.authors.filter((a) => a.memberId === null).map((a) => a.name)
  return [
    `案由：${clip(p.title, 100)}`,
    `类型：${p.type}提案`,
    `日期：${dateWithWeekday(p.date)}`,
    p.field && `领域：${clip(p.field, 30)}`,
    `提案人：${clip(authors, 100)}${unknown.length ? `（群里没找到：${clip(unknown.join('、'), 60)}，按原文记录）` : ''}`,
    p.content && `内容：${clip(p.content, 80)}`,
  ].filter((line): line is string => typeof line === 'string' && line !== '')
}

export function proposalStepLabel(event: { kind: string; detail?: string | null }): string {
  const name = PROPOSAL_STEPS[event.kind as ProposalStep] ?? event.kind
  if (event.kind === 'merged') return `${name}（并入 ${event.detail}）`
  if (event.kind === 'registered' && event.detail) return `${name}（承办单位：${clip(event.detail, 60)}）`
  if (event.kind === 'answered') {
    const { satisfaction, reply } = readAnswer(event.detail)
    const parts = [satisfaction, reply && `答复：${clip(reply, 80)}`].filter(Boolean)
    return parts.length > 0 ? `${name}（${parts.join('；')}）` : name
  }
  return event.detail ? `${name}（${clip(event.detail, 80)}）` : name
}

export function statusLabel(event: { kind: string; level?: string | null; detail?: string | null }): string {
  if (event.kind === 'adopted') {
    const level = ADOPTION_LEVELS[event.level as AdoptionLevel] ?? event.level
    return `${level}采纳${event.detail ? `（${clip(event.detail, 80)}）` : ''}`
  }
  if (event.kind === 'instructed') return `领导批示${event.detail ? `：${clip(event.detail, 80)}` : ''}`
  return '办结'
}

const LATEST_SHOWN = 10

/** A heading and the latest lines of a history that only grows, so the reply stays one message. */
export function latestLines(heading: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return []
  if (lines.length <= LATEST_SHOWN) return [`${heading}：`, ...lines]
  return [`${heading}（共 ${lines.length} 条，显示最近 ${LATEST_SHOWN} 条）：`, ...lines.slice(-LATEST_SHOWN)]
}

const ACTIONS: Record<string, string> = { edit: '修改', withdraw: '撤销', restore: '恢复' }

/** The fields an edit changed (compared as stored in a revision). */
export function changedFields(before: object, after: object): string[] {
  const was = before as Record<string, unknown>
  const now = after as Record<string, unknown>
  return Object.keys(now).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]))
}

export function revisionLine(revision: Revision, timeZone: string): string {
  const at = revision.at.toLocaleString('zh-CN', { timeZone, hour12: false })
  if (revision.action === 'undo-step') return `${at} ${revision.actorName} 撤销进展：${(JSON.parse(revision.before) as { label: string }).label}`
  if (revision.action !== 'edit') return `${at} ${revision.actorName} ${ACTIONS[revision.action]}`
  const before = JSON.parse(revision.before) as Record<string, unknown>
  const after = JSON.parse(revision.after) as Record<string, unknown>
  const changed = changedFields(before, after)
  const kind = kindOfCode(revision.recordCode)
  const label = (key: string) => (kind && fieldName(kind, key)) ?? key
  return `${at} ${revision.actorName} 修改：${changed.map((k) => `${label(k)} ${show(before[k])} → ${show(after[k])}`).join('；')}`
}

function show(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '（空）'
  // Clipped: a change to a long text must not turn the history into pages.
  return clip(Array.isArray(value) ? value.join('、') : String(value), 60)
}

/** What went wrong, field by field, then what to do. */
export function problemReply(what: string, problems: FieldProblem[], draftCode: string, template: string): string {
  return [
    `这条${what}还没能记下：`,
    ...problems.map((p) => `· ${p.field}：${p.problem}`),
    `原文已存为草稿 ${draftCode}。补正请发送：#修改 ${draftCode} ${problems[0]?.field ?? '字段'}=正确的值`,
    '或者改好后重新发送。格式参考：',
    template,
  ].join('\n')
}

export const RESEARCH_TEMPLATE = `#调研报告
标题：关于推进老旧小区加装电梯的调研报告
作者：张三、李四
日期：…
采纳：（被哪个单位采纳，没有可不写）
批示：（领导批示，没有可不写）
摘要：（主要内容）`

export const SPEECH_TEMPLATE = `#大会发言
题目：关于加快建设“一刻钟便民生活圈”的建议
会议：（哪次全会，例如 市政协…届…次会议）
形式：口头（或 书面）
发言人：张三
日期：…`
