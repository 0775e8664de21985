// "#活动" messages: field form, one-line form, narrative sentence, or a mix.
import { ACTIVITY_FIELD_NAMES, ACTIVITY_LABELS, NOT_ACTIVITY_LABELS } from './activity-labels.js'
import type { ActivityKey } from './activity-labels.js'
import { findBrand, readNarrative } from './activity-narrative.js'
import type { NarrativeFacts } from './activity-narrative.js'
import { ActivityFieldsSchema } from './activity-schema.js'
import { ACTIVITY_TABLE } from '../domain/activity.js'
import { rowOf, type FieldsOf } from './field-table.js'
import { contentUnder, unknownWarnings, writtenUnder } from './written.js'
import { ACTIVITY_TYPES, inferActivityType, normalizeActivityType } from './activity-types.js'
import type { ActivityType } from './activity-types.js'
import { formatYmd } from './calendar.js'
import { today } from './clock.js'
import type { ParseClock } from './clock.js'
import { badDate, findDateInText } from './dates.js'
import type { DateFound } from './dates.js'
import { splitFields } from './fields.js'
import { headCountInNames, splitList, splitNames } from './names.js'
import { echo, meansNone, trimPunct, unwrapQuotes } from './normalize.js'
import { countValueProblem, extractCount, parseCount, type CountMatch } from './numbers.js'
import { PARSE_CEILING, bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'

export { ACTIVITY_TYPES } from './activity-types.js'
export type { ActivityType } from './activity-types.js'

/**
 * An activity's parsed values: its field table's (date YYYY-MM-DD local, time HH:mm, title, type,
 * memberNames, memberCount: members who took part as a number written (委员5人参加), never fewer
 * than the names …), and what its own parser adds: whether the type was inferred from the text,
 * and which counts were written as 约数.
 */
export type ActivityFields = FieldsOf<typeof ACTIVITY_TABLE> & {
  typeInferred: boolean
  memberCountApprox?: boolean
  participantsApprox?: boolean
  reachApprox?: boolean
}

/** Fields are named in problems as the table names them (参与人次, 委员人数 …). */
const FIELD = ACTIVITY_FIELD_NAMES

const present = (v: string | undefined): string | undefined => (v && !meansNone(v) ? v : undefined)

interface Ctx {
  values: Partial<ActivityFields>
  errors: FieldProblem[]
  warnings: string[]
}

/** Named days members write instead of a date; not read (lunar ones move every year). */
const NAMED_DAY = /三八节|妇女节|劳动节|五一节?|六一节?|儿童节|七一|八一|建军节|教师节|国庆节?|元旦|春节|元宵节?|清明节?|端午节?|七夕|中秋节?|重阳节?|腊八|除夕|小年/

function readDate(ctx: Ctx, written: string | undefined, storyDate: DateFound | undefined, clock: ParseClock, context: string): void {
  const { values, errors } = ctx
  const found = written !== undefined ? findDateInText(written, clock) : (storyDate ?? null)
  if (written !== undefined && !found) {
    errors.push({ field: '日期', problem: badDate(written) })
    return
  }
  // A date written inside the title ("主题：9月19日健康义诊") is better than none.
  const inTitle = !found && values.title ? findDateInText(values.title, clock) : null
  const use = found ?? (inTitle?.ok && !inTitle.timeOnly ? inTitle : null)
  if (use && !use.ok) {
    errors.push({ field: '日期', problem: use.problem })
    return
  }
  if (use === inTitle && inTitle?.ok && inTitle.index === 0) {
    const stripped = trimPunct(values.title?.slice(inTitle.matched.length) ?? '')
    if (stripped) values.title = stripped
  }
  const local = formatYmd(today(clock))
  // A festival or other named day we do not read: refused with its words, never "未写日期".
  const named = !use?.ok ? NAMED_DAY.exec(context) : null
  if (named) {
    errors.push({ field: '日期', problem: `看不懂“${named[0]}”是哪一天，请写成几月几日（如 3月8日）` })
    return
  }
  values.date = use?.ok ? use.date : local
  if (use?.ok && use.time) values.time = use.time
  values.dateDefaulted = !use?.ok || use.timeOnly
  if (values.dateDefaulted) ctx.warnings.push(`未写日期，按消息日期 ${local} 记录`)
  // 学习贯彻9月5日市委全会精神: the date may be the event the title names, not the activity's own.
  else if (inTitle && use === inTitle && inTitle.index > 0) ctx.warnings.push(`没写日期，按主题里的“${inTitle.matched}”记为 ${values.date}；活动不是这一天的话，请 #修改 日期=…`)
  else if (values.date > local) ctx.warnings.push(`活动日期 ${values.date} 晚于今天，请确认`)
}

type Count = { value: number; approx: boolean }

/** A written count field wins over one read from the sentence; a figure that is no head count is an error. */
function countFrom(ctx: Ctx, written: string | undefined, field: string, fromStory: CountMatch | undefined): Count | undefined {
  const found = written === undefined ? fromStory : extractCount(written)
  const shown = echo(written ?? fromStory?.text ?? '')
  if (written !== undefined && /^\s*[-−－]/.test(written)) {
    ctx.errors.push({ field, problem: `人数不能是负数："${shown}"` })
    return undefined
  }
  const miswritten = written === undefined ? undefined : countValueProblem(written)
  if (miswritten) {
    ctx.errors.push({ field, problem: `${miswritten}："${shown}"` })
    return undefined
  }
  if (!found) {
    if (written !== undefined) ctx.errors.push({ field, problem: `人数看不懂："${shown}"，请写数字，如 30、约200、一百二十` })
    return undefined
  }
  if (found.problem || !Number.isInteger(found.value)) {
    ctx.errors.push({ field, problem: `${found.problem ?? '人数应为整数'}："${shown}"` })
    return undefined
  }
  return plausible(ctx, field, { value: found.value, approx: found.approx }, written ?? '')
}

/** No room serves ten million people at once: such a figure is a typo that would swamp every total. */
export const MAX_COUNT = 10_000_000

function plausible(ctx: Ctx, field: string, count: Count, written: string): Count | undefined {
  if (count.value <= MAX_COUNT) return count
  ctx.errors.push({ field, problem: `人数过大：${written ? `"${echo(written)}"` : count.value.toLocaleString('en-US')}，请核对（上限 1000 万）` })
  return undefined
}

/** "参与委员：张三等8人" or "委员：8人" carry a head count. */
function headCount(membersText: string | undefined, names: string[]): Count | undefined {
  if (!membersText) return undefined
  const n = headCountInNames(membersText) ?? (names.length === 0 ? parseCount(membersText)?.value : null)
  return n != null && Number.isInteger(n) ? { value: n, approx: false } : undefined
}

function readType(ctx: Ctx, written: string | undefined, context: string): void {
  const { values } = ctx
  if (written !== undefined) {
    const type = normalizeActivityType(written)
    if (!type) {
      ctx.errors.push({ field: FIELD.type!, problem: `活动类型“${echo(written)}”不在列表中，可选：${ACTIVITY_TYPES.join('、')}` })
      return
    }
    values.type = type
    values.typeInferred = false
    return
  }
  const inferred = inferActivityType(values.title ?? '') ?? inferActivityType(context)
  values.type = inferred ?? '其他'
  values.typeInferred = true
  ctx.warnings.push(inferred ? `未写活动类型，按内容判断为“${inferred}”` : '未写活动类型，记为“其他”')
}

export function parseActivity(body: string, clock: ParseClock): ParseOutcome<ActivityFields> {
  const tooLong = bodyTooLong(body, PARSE_CEILING)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields(body, ACTIVITY_LABELS, { multiline: ['note', 'content'], notLabels: NOT_ACTIVITY_LABELS })
  const ctx: Ctx = { values: {}, errors: [], warnings: [] }
  const { values } = ctx
  // A row as every kind reads it (writtenUnder): 无 is nothing where the row may be empty, a
  // single row written twice takes the first and says so. Read once, so it is said once.
  const written = new Map<ActivityKey, string | undefined>()
  const f = (k: ActivityKey): string | undefined => {
    if (k === 'content') return present(split.fields.get(k))
    if (!written.has(k)) written.set(k, writtenUnder(rowOf(ACTIVITY_TABLE, k), split.entries, ctx.warnings, clock))
    return written.get(k)
  }
  const story: NarrativeFacts = split.rest ? readNarrative(split.rest, clock) : { partners: [], memberNames: [] }
  const content = f('content')
  const contentStory = content ? readNarrative(content, clock) : undefined

  const title = f('title') ?? story.title ?? contentStory?.title ?? (content && content.length <= 30 ? content : undefined)
  if (title) values.title = unwrapQuotes(trimPunct(title))
  readDate(ctx, f('date'), story.date ?? contentStory?.date, clock, split.rest ?? '')
  if (!values.title) ctx.errors.push({ field: FIELD.title!, problem: '没有找到活动主题，请写“主题：…”或“在某地开展某活动”' })
  readType(ctx, f('type'), [split.rest, content ?? '', f('note') ?? ''].join('\n'))

  // "时间地点：9月18日 市民中心": what follows the date in the date field is the place.
  const dateText = f('date')
  const inDateField = dateText ? findDateInText(dateText, clock) : null
  const rest = inDateField?.ok ? trimPunct(dateText!.slice(inDateField.index + inDateField.matched.length)) : ''
  const afterDate = /^[（(]?(?:周|星期|礼拜)|^(?:凌晨|早上|上午|中午|下午|傍晚|晚上|全天|\d|[-~至到])/.test(rest) ? '' : rest
  const place = f('place') ?? (afterDate || undefined) ?? story.place ?? contentStory?.place
  if (place) values.place = trimPunct(place)

  // Everyone named under any of the names' labels (参与委员：… 参加人员：…), not only the first list.
  const membersText = f('memberNames')
  values.memberNames = membersText ? splitNames(membersText) : story.memberNames
  const memberCount =
    countFrom(ctx, f('memberCount'), FIELD.memberCount!, story.memberCount ?? contentStory?.memberCount) ?? headCount(membersText, values.memberNames)
  // Never taken from 委员人数: an edit writes the record back as labels, and must read back the same figures.
  const participants =
    countFrom(ctx, f('participants'), FIELD.participants!, story.participants ?? contentStory?.participants) ??
    headCount(membersText, values.memberNames)
  if (participants) Object.assign(values, { participants: participants.value, participantsApprox: participants.approx })
  if (memberCount && memberCount.value < values.memberNames.length) {
    ctx.errors.push({ field: FIELD.memberCount!, problem: `写的是 ${memberCount.value} 位委员，却列了 ${values.memberNames.length} 个姓名（${values.memberNames.join('、')}），请核对人数或姓名` })
  } else if (memberCount) Object.assign(values, { memberCount: memberCount.value, memberCountApprox: memberCount.approx })
  const reach = countFrom(ctx, f('reach'), FIELD.reach!, story.reach ?? contentStory?.reach)
  if (reach) Object.assign(values, { reach: reach.value, reachApprox: reach.approx })

  const partnersText = f('partners')
  values.partners = partnersText ? splitList(partnersText) : story.partners.length ? story.partners : (contentStory?.partners ?? [])
  const brandText = f('brand')
  const brand = brandText
    ? unwrapQuotes(brandText.replace(/(?:特色|服务)?品牌$/, ''))
    : (story.brand ?? findBrand(body))
  if (brand) values.brand = brand

  // Every 备注/说明, 内容 (unless it became the title) and line under a label no row has, in the order written.
  const noteText = contentUnder(rowOf(ACTIVITY_TABLE, 'note'), split, body, content && content !== values.title ? ['content'] : [])
  ctx.warnings.push(...unknownWarnings(split.unknownFields, rowOf(ACTIVITY_TABLE, 'note')))
  if (noteText) values.note = noteText

  if (ctx.errors.length) return { ok: false, errors: ctx.errors, partial: values }
  const checked = ActivityFieldsSchema.safeParse(values)
  if (!checked.success) {
    return { ok: false, errors: issuesToProblems(checked.error, ACTIVITY_FIELD_NAMES), partial: values }
  }
  // The check is built from the same table as the type (schemaOf, FieldsOf).
  return { ok: true, value: checked.data as ActivityFields, warnings: ctx.warnings }
}
