// The title of an unlabelled record: its first line, or the first sentence of a single line.
import { trimPunct, unwrapQuotes } from './normalize.js'

/** Unlabelled text: the first line is the title; a single line is cut at its first "。". */
export function titleFromText(text: string): { title?: string; content?: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  const first = lines[0]
  if (!first) return {}
  let title = first
  let restOfFirst = ''
  const stop = first.indexOf('。')
  if (stop > 0 && stop < first.length - 1) {
    title = first.slice(0, stop)
    restOfFirst = first.slice(stop + 1)
  }
  const content = [restOfFirst, ...lines.slice(1)].map((l) => l.trim()).filter(Boolean).join('\n')
  return { title: unwrapQuotes(trimPunct(title)), ...(content ? { content } : {}) }
}
