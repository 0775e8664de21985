// Lists of people and units as typed in chat: "张三、李四", "@张三 @李四", "张三委员等5人".
import { parseNumeral } from './numbers.js'

const NAME_SEPARATORS = /[、,，;；\s]+|(?=@)/u
const COUNT_AFTER_DENG = /等\s*(\d+|[一二两三四五六七八九十]+)\s*(?:名|位|人)/

function cleanName(raw: string): string {
  return raw
    .replace(/^@+/, '')
    .replace(/[（(][^）)]*[）)]/g, '') // 张三（市政协委员）
    .replace(/等\s*(?:\d+|[一二两三四五六七八九十]+)?\s*(?:名|位|人)*\s*(?:委员)?$/, '')
    .replace(/(?:政协)?委员$/, '')
    .replace(/^委员(?=\p{Script=Han}{2})/u, '') // 委员王芳和李明
    .replace(/同志$/, '')
    .trim()
}

/** 张三和李四 → [张三, 李四]: only when every part is a name's length (not 王和平, not 全体委员和相关部门负责同志). */
function splitJoined(name: string): string[] {
  const parts = name.split(/[和及与]/u)
  return parts.length > 1 && parts.every((p) => /^\p{Script=Han}{2,4}$/u.test(p)) ? parts : [name]
}

/**
 * The list before it is split: the note a confirmation adds (（群里没找到：李四，按原文记录）, whose
 * comma is no separator) goes, and a one-character surname spaced from its given name is one
 * name (张 三), and a group's list of names in brackets is the names (调研组（张三、李四）).
 */
function separated(value: string): string {
  return value
    .replace(/[（(]群里没找到[^）)]*[）)]/gu, '')
    .replace(/[^、,，;；\s（(]*[（(]([^）)]*[、,，;；][^）)]*)[）)]/gu, '$1')
    .replace(/(^|[、,，;；\s@])(?![和及与等])(\p{Script=Han}) (\p{Script=Han}{1,2})(?=$|[、,，;；\s])/gu, '$1$2$3')
}

/** Member names: split on 、，,；; spaces, 和 and @; strip '@', '委员' and a trailing 等/等N人. */
export function splitNames(value: string): string[] {
  const out: string[] = []
  for (const part of separated(value).split(NAME_SEPARATORS)) {
    for (const name of splitJoined(cleanName(part))) {
      // Drop leftovers that are counts or filler rather than names ("8人", "等", a spaced 和).
      if (!name || /^\d/.test(name) || ['等', '和', '及', '与'].includes(name) || out.includes(name)) continue
      out.push(name)
    }
  }
  return out
}

/** "张三、李四等8人" → 8 (a head count written in the names list). */
export function headCountInNames(value: string): number | null {
  const m = COUNT_AFTER_DENG.exec(value)
  return m?.[1] !== undefined ? parseNumeral(m[1]) : null
}

/** Units or other plain lists: split on 、，,；; / and spaces. */
export function splitList(value: string): string[] {
  const out: string[] = []
  for (const part of value.split(/[、,，;；/／\s]+|以及/u)) {
    const item = part.replace(/^(?:和|及|与)/, '').replace(/等$/, '').trim()
    if (item && !out.includes(item)) out.push(item)
  }
  return out
}

/** @mentions in a text (WeChat ends each with a space), with the names cleaned. */
export function findMentions(text: string): Array<{ name: string; index: number; length: number }> {
  const out: Array<{ name: string; index: number; length: number }> = []
  const re = /@([^\s@,，、;；:：。]+)/gu
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = cleanName(m[1] ?? '')
    if (name) out.push({ name, index: m.index, length: m[0].length })
  }
  return out
}

const TAKING_PART = /参加|参与|出席|到场|一同/g
/** What may stand between names run together, or between them and the verb: 、 和 与 等 委员 都. */
const FILLER = /(?:[、,，\s]|和|与|及|以及|等|委员|同志|都|也)$/

/**
 * "王芳李明参加", as a voice message writes it: names of the room's members, run together
 * before a verb of taking part, found by the roster (longest name first), in reading order.
 */
export function rosterNamesTakingPart(text: string, roster: readonly string[]): string[] {
  const names = [...new Set(roster.filter((n) => [...n].length >= 2))].sort((a, b) => b.length - a.length)
  const found: string[] = []
  for (const verb of text.matchAll(TAKING_PART)) {
    let before = text.slice(Math.max(0, verb.index - 60), verb.index)
    const here: string[] = []
    for (;;) {
      const filler = FILLER.exec(before)
      if (filler) {
        before = before.slice(0, -filler[0].length)
        continue
      }
      const name = names.find((n) => before.endsWith(n))
      if (!name) break
      here.unshift(name)
      before = before.slice(0, -name.length)
    }
    for (const name of here) if (!found.includes(name)) found.push(name)
  }
  return found
}
