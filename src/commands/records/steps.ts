import type { Command } from '../../router/command.js'
import type { ChatContext } from '../../router/context.js'
import type { RecordKind } from '../../domain/kinds.js'
import type { Db } from '../../db/client.js'
import { ADOPTION_LEVEL_WORDS, levelAtStart, mentionsLevel, removeStatus } from '../../services/opinions.js'
import { PROPOSAL_STEPS, proposalStepWord, removeProposalStep, type ProposalStep } from '../../services/proposals.js'
import { recordRevision } from '../../services/revisions.js'
import type { AfterChange } from '../../services/store-once.js'
import { replies } from '../../texts/replies.js'
import { proposalStepLabel, statusLabel } from '../../texts/records.js'
import { mayChange, type FoundRecord } from './lookup.js'
import { proposalStepCommands } from './proposal-status.js'
import { statusCommands } from './status.js'

type FoundOf<K extends RecordKind> = Extract<FoundRecord, { kind: K }>

/** A step a secretary named to take back: what replies call it, and how it goes. */
interface PickedStep {
  label: string
  date: string
  remove(db: Db, at: Date, after: AfterChange): Promise<void>
}

/**
 * What a kind whose records take steps (#采纳 M7, #立案 T5) adds: the commands that register
 * them, and `#撤销 <编号> <进展>`, which finds one by its words (or says what to write).
 */
interface KindSteps<K extends RecordKind> {
  commands: Command[]
  /** The names of this kind's steps (采纳, 立案 …). */
  words: readonly string[]
  /** What may stand before a step's name (市级采纳, 市采纳). */
  prefixes?: readonly string[]
  /** Those a short phrase may hold and still be about a step (市级, 地市; not 市: 市里说重复了 is a reason). */
  telling?: readonly string[]
  pick(found: FoundOf<K>, words: string): PickedStep | string
}

const OPINION_STEPS: Record<string, string> = { 采纳: 'adopted', 批示: 'instructed', 办结: 'resolved' }
const PROPOSAL_WORDS = Object.fromEntries((Object.keys(PROPOSAL_STEPS) as ProposalStep[]).map((kind) => [proposalStepWord(kind), kind])) as Record<string, ProposalStep>

const opinionSteps: KindSteps<'opinion'> = {
  commands: statusCommands,
  words: Object.keys(OPINION_STEPS),
  prefixes: ADOPTION_LEVEL_WORDS,
  // A step read as a reason would withdraw the whole report: two characters are enough.
  telling: ADOPTION_LEVEL_WORDS.filter((word) => [...word].length > 1),
  pick({ code, record }, phrase) {
    const read = readStep(phrase, Object.keys(OPINION_STEPS))
    const kind = read && OPINION_STEPS[read.name]
    if (!read || !kind) return `要撤销哪一步？例如：#撤销 ${code} 市级采纳、#撤销 ${code} 批示、#撤销 ${code} 办结`
    const ofKind = record.events.filter((e) => e.kind === kind)
    const level = levelAtStart(read.before)
    // An adoption has a level; a 批示 may name one in who gave it (嘉兴市委书记批示), or be told
    // by its words; a 办结 has neither.
    let fits = ofKind
    if (kind === 'adopted' && level) fits = fits.filter((e) => e.level === level.level)
    else if (kind === 'instructed' && level?.word === read.before) fits = fits.filter((e) => mentionsLevel(issuerOf(e.detail), level.level))
    else if (kind !== 'resolved' && read.before) fits = fits.filter((e) => bare(e.detail).includes(read.before))
    // Its words (in brackets, after a colon as #查 shows it, or its date: 9月21日) narrow it, all
    // of them first; words no step holds name none. Spaces do not count (the phrase has none).
    // Its place in the list the bot gave (第2条) names it whatever else was written.
    const nth = read.text && /^第(\d+)条$/u.exec(read.text)
    if (nth) fits = ofKind[Number(nth[1]) - 1] ? [ofKind[Number(nth[1]) - 1]!] : []
    else if (read.text) {
      const text = read.text
      const day = dayIn(text)
      // A 办结 has no words: only its day tells it (办结 日期写错了 is about the one there is).
      const whole = fits.filter((e) => [text, `${read.before}${read.name}：${text}`].includes(bare(e.detail)))
      const holding = fits.filter((e) => (day !== undefined ? e.date.endsWith(day) : kind === 'resolved' || bare(e.detail).includes(text)))
      fits = whole.length > 0 ? whole : holding
    }
    if (fits.length === 0) return `${code} 没有登记过「${phrase}」。${ofKind.length > 1 || kind === 'instructed' ? whichOne(code, read.name, ofKind, ofKind) : ''}`
    // Several that differ: which one is not for us to guess. The same one registered twice (same words, same day) is either.
    const same = (e: (typeof fits)[number]) => bare(e.detail) === bare(fits[0]!.detail) && e.level === fits[0]!.level && e.date === fits[0]!.date
    if (!fits.every(same)) return whichOne(code, read.name, ofKind, fits)
    const event = fits.at(-1)!
    return { label: statusLabel(event), date: event.date, remove: (db, at, after) => removeStatus(db, record, event, at, after) }
  },
}

/** What may follow a step's name and still be about it: 立案错了. */
const MISTAKE = /(?:错了|不对|有误|搞错了|登记错了)/u

/** A step's words as a phrase is compared with them: without spaces. */
const bare = (detail: string | null | undefined) => (detail ?? '').replace(/\s+/g, '')

/** The day a bracket may name a step by (9月21日, 2022-09-21): `-MM-DD`, to match a date's end. */
function dayIn(text: string): string | undefined {
  const md = /^(?:\d{4}[-年])?(\d{1,2})[-月](\d{1,2})日?$/u.exec(text)
  return md ? `-${md[1]!.padStart(2, '0')}-${md[2]!.padStart(2, '0')}` : undefined
}

/** Who gave a 批示, as its text begins: 浙江省省长 of 浙江省省长批示：请嘉兴市抓紧研究. */
const issuerOf = (detail: string | null) => (detail ?? '').split(/批示|[：:]/u)[0]!

type Listed = { date: string; kind: string; level?: string | null; detail?: string | null }

/**
 * The steps a phrase may mean (`events`, numbered by their place among all of the kind, `all`),
 * with how to name one: a few of its words no other has at that place (市长批示：同意 /
 * 市长批示：请交通局办理 → 请交通局), its day when only that differs, else its number (第2条).
 */
function whichOne(code: string, name: string, all: readonly Listed[], events: readonly Listed[]): string {
  if (events.length === 0) return ''
  const lines = events.map((e) => `第${all.indexOf(e) + 1}条 ${e.date} ${statusLabel(e)}`).join('；')
  const texts = events.map((e) => bare(e.detail))
  const shown = texts.findLastIndex((t, i) => t !== '' && texts.every((u, j) => j === i || u !== t))
  const last = events.at(-1)!
  const [, month, day] = last.date.split('-').map(Number)
  const sample =
    shown >= 0 ? sampleOf(texts[shown]!, texts.filter((_, j) => j !== shown))
    : events.filter((e) => e.date === last.date).length === 1 ? `${month}月${day}日`
    : `第${all.indexOf(last) + 1}条`
  return `${code} 的${name}有 ${events.length} 条：${lines}。要撤销哪一条，请在括号里写上它的几个字、日期或第几条，例如：#撤销 ${code} ${name}（${sample}）`
}

/** A few words of `text` no other text holds, or the whole text (matched whole first, see pick). */
function sampleOf(text: string, others: readonly string[]): string {
  const chars = [...text]
  let from = 0
  while (from < chars.length && others.some((o) => [...o][from] === chars[from])) from++
  const sample = chars.slice(from, from + 4).join('')
  return sample && !others.some((o) => o.includes(sample)) ? sample : text
}

/**
 * 市级采纳（嘉兴市政协）, 嘉兴市委书记批示, 市长批示：同意, 办结错了: what stands before the step's
 * name (words without punctuation: 重复了，已办结 is a reason), the name, and its words after it.
 */
function readStep(phrase: string, names: readonly string[]): { before: string; name: string; text?: string } | undefined {
  const match = new RegExp(`^([^，,。.；;！!？?、：:]*?)(${names.join('|')})(?:[（(](.*)[）)]|[：:，,](.+))?${MISTAKE.source}?$`, 'u').exec(phrase)
  // 采纳（登记错了）: a bracket saying it was a mistake names no words of the step.
  const written = match?.[3] ?? match?.[4]
  const text = written && !new RegExp(`^${MISTAKE.source}$`, 'u').test(written) ? written : undefined
  return match ? { before: match[1]!, name: match[2]!, ...(text ? { text } : {}) } : undefined
}

const proposalSteps: KindSteps<'proposal'> = {
  commands: proposalStepCommands,
  words: Object.keys(PROPOSAL_WORDS),
  pick({ code, record }, step) {
    const kind = PROPOSAL_WORDS[Object.keys(PROPOSAL_WORDS).find((word) => step.startsWith(word)) ?? '']
    if (!kind) return `要撤销哪一步？例如：#撤销 ${code} 立案、办复、并案、重点 或 重要`
    const event = record.events.find((e) => e.kind === kind)
    if (!event) return `${code} 没有登记过「${step}」。`
    return { label: proposalStepLabel(event), date: event.date, remove: (db, _at, after) => removeProposalStep(db, event, after) }
  },
}

/** The kinds whose records take steps; any other kind has none. */
export const KIND_STEPS: { [K in RecordKind]?: KindSteps<K> } = { opinion: opinionSteps, proposal: proposalSteps }

/**
 * Whether the words are about a step: 'named', its name alone, or with its level, a bracket or
 * 错了 after it (市级采纳（嘉兴市政协）, 并案错了); 'likely', a few words that hold one (市级?
 * 地市重复了?). A sentence that only starts or goes on with one (立案号写错了，重发; 重复了，这件不报采纳了)
 * is about the record (false).
 */
function namesStep(steps: Pick<KindSteps<RecordKind>, 'words' | 'prefixes' | 'telling'>, words: string): 'named' | 'likely' | false {
  const prefix = steps.prefixes?.find((p) => words.startsWith(p)) ?? ''
  const rest = words.slice(prefix.length)
  const name = steps.words.find((word) => rest.startsWith(word))
  if (name !== undefined && new RegExp(`^(?:$|[（(：:，,]|${MISTAKE.source})`, 'u').test(rest.slice(name.length))) return 'named'
  // Ending with a step's name, whoever gave it stands before: 嘉兴市委书记批示 (or a reason: 不报采纳).
  if (readStep(words, steps.words)) return 'likely'
  return [...words].length <= 6 && [...steps.words, ...(steps.telling ?? [])].some((word) => words.includes(word)) && 'likely'
}

/** The found record's step the words are about, when its kind has steps and the words name one (see namesStep). */
function stepsOf(found: FoundRecord, words: string): { pick: () => PickedStep | string; named: boolean } | undefined {
  if (found.kind === 'draft' || found.kind === 'plan') return undefined
  const steps = KIND_STEPS[found.kind] as KindSteps<typeof found.kind> | undefined
  const about = steps && namesStep(steps, words)
  if (!steps || !about) return undefined
  return { pick: () => steps.pick(found, words), named: about === 'named' }
}

/**
 * `#撤销 M7 市级采纳`, `#撤销 T3 办复`: takes back one mistaken step (secretary or admin); the
 * record stays, the step leaves every figure, and a revision keeps what was removed. False
 * when the record's kind takes no steps or the words name none (#撤销 M7 重复了 is about the
 * whole record).
 */
export async function undoStep(ctx: ChatContext, found: FoundRecord, words: string): Promise<boolean> {
  // A space after a report's step name parts it from its words, as a comma would (市级采纳
  // 嘉兴市政协). A proposal's steps take no words: 重点 内容写错了 stays a reason.
  const told = found.kind === 'opinion' && !/[（(]/u.test(words)
  const spaced = told ? words.trim().replace(new RegExp(`(${Object.keys(OPINION_STEPS).join('|')})\\s+`, 'u'), '$1，') : words
  const phrase = spaced.replace(/\s+/g, '')
  const about = stepsOf(found, phrase)
  if (!about) return false
  // Words that only may name a step may have been a reason (地市重复了): the whole record goes
  // by its code alone, for whoever may withdraw it.
  const wholeRecord = !about.named && mayChange(ctx, found) ? `\n要撤销整条记录，请只发 #撤销 ${found.code}` : ''
  if (!ctx.isManager) {
    await ctx.refuse(replies.managersOnly('撤销进展') + wholeRecord)
    return true
  }
  const step = about.pick()
  if (typeof step === 'string') {
    await ctx.reply(step + wholeRecord)
    return true
  }
  const removed = { label: step.label, date: step.date }
  // The revision keeps what was removed, in the removal's own transaction.
  await step.remove(ctx.services.db, ctx.msg.time, (tx) =>
    recordRevision(tx, { recordCode: found.code, action: 'undo-step', actorName: ctx.speakerName, actorKey: ctx.actorKey, at: ctx.msg.time, before: removed, after: null }),
  )
  ctx.outcome = `step-undone:${found.code}`
  await ctx.reply(`已撤销 ${found.code} 的「${removed.label}」（${removed.date}），统计随之更正。记录本身保留。`)
  return true
}
