import type { FieldProblem } from '../parsing/mod.js'
import { ONE_MESSAGE_BUDGET } from '../outbox/chunk.js'
import { unnamedMembers, type ActivityShown } from '../services/activities.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import { PROPOSAL_STEPS, readAnswer, type ProposalStep } from '../services/proposals.js'
import type { Revision } from '../generated/prisma/client.js'
import { KIND_IDENTITIES, fieldName, kindOfCode } from '../domain/kinds.js'

/** How every record confirmation begins ("已记录活动 A12"): a repost of one is no new record. */
export const CONFIRMATION_HEAD = new RegExp(`^\\s*(?:[「『“"]\\s*)?已记录(?:${Object.values(KIND_IDENTITIES).map((k) => k.label).join('|')}) ?[A-Z]\\d+`)

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

/** Under 活动内容 in the ledger when #修改 changed the activity after its message. */
const EDITED_AFTER = '（以上是原始消息，之后用 #修改 改过：表中各栏是改后的）'

/**
 * An activity's 活动内容 in the ledger: the member's words (without the tag); when #修改 changed
 * the activity later, a line saying the columns hold the corrected values, so a figure in the
 * words that differs from its column is not taken for it. Null when there are no words.
 */
export function activityContent(words: string, edited: boolean): string | null {
  if (!words.trim()) return null
  return edited ? `${words.trim()}\n${EDITED_AFTER}` : words.trim()
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

/** An activity field's name in its table (品牌, 参与人次 …): replies name fields as the table does. */
const activityField = (key: string) => fieldName('activity', key) ?? key

/** The activity as stored, one field a line (named by its table), long values clipped; used in confirmations and #查. */
export function activityLines(a: ActivityShown, approx: { participants?: boolean; reach?: boolean; memberCount?: boolean } = {}): string[] {
  const unknown = a.participantsOf.filter((p) => p.memberId === null).map((p) => p.name)
  const people = membersTakingPart(a, { clipAt: 100, approx: approx.memberCount })
  const line = (key: string, value: string | null | undefined | false) => (value ? `${activityField(key)}：${value}` : undefined)
  return [
    line('date', `${dateWithWeekday(a.date)}${a.time ? ` ${a.time}` : ''}`),
    line('title', clip(a.title, 100)),
    line('type', a.type),
    line('place', a.place && clip(a.place, 100)),
    line('memberNames', people && `${people}${unknown.length ? `（群里没找到：${clip(unknown.join('、'), 60)}，按原文记录）` : ''}`),
    line('participants', a.participants !== null && count(a.participants, approx.participants)),
    line('reach', a.reach !== null && count(a.reach, approx.reach)),
    line('partners', a.partners && clip(a.partners, 100)),
    line('brand', a.brand && clip(a.brand, 60)),
    line('note', a.note && clip(a.note, 100)),
  ].filter((l): l is string => l !== undefined)
}

/** Digests count 参与人次 and 服务人次: say when they are missing and how to add them. */
export function missingFigureHint(a: ActivityShown): string | undefined {
  const missing = [a.participants === null && '参与人次', a.reach === null && '服务人次'].filter(Boolean) as string[]
  if (missing.length === 0) return undefined
  const example = missing.map((f) => `${f}=…`).join(' ')
  return `提示：未写${missing.join('、')}，月报会统计${missing.length > 1 ? '这两项' : '这一项'}。补上请发送：#修改 ${a.code} ${example}`
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
export function latestLines(heading: string, lines: readonly string[], shown = LATEST_SHOWN): string[] {
  if (lines.length === 0) return []
  if (lines.length <= shown) return [`${heading}：`, ...lines]
  return [`${heading}（共 ${lines.length} 条，显示最近 ${shown} 条）：`, ...lines.slice(-shown)]
}

/** `head` and the latest lines of a history, as many of the latest ten as one message holds. */
export function withLatest(head: readonly string[], heading: string, lines: readonly string[]): string {
  for (let shown = Math.min(lines.length, LATEST_SHOWN); ; shown--) {
    const text = [...head, ...latestLines(heading, lines, shown)].join('\n')
    if (text.length <= ONE_MESSAGE_BUDGET || shown <= 1) return text
  }
}

const ACTIONS: Record<string, string> = { edit: '修改', withdraw: '撤销', restore: '恢复' }

/** The fields an edit changed (compared as stored in a revision). */
export function changedFields(before: object, after: object): string[] {
  const was = before as Record<string, unknown>
  const now = after as Record<string, unknown>
  // A field cleared (采纳=无) is in `before` only: it changed too.
  return [...new Set([...Object.keys(now), ...Object.keys(was)])].filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]))
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

