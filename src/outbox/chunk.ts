/**
 * Splits a long text at line boundaries so each part stays under WeChat's length limit.
 * A single line longer than the limit is cut hard, since it cannot be split more kindly.
 */
export function splitForWeChat(text: string, maxChars: number): string[] {
  const parts: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    const pieces = line.length > maxChars ? hardCut(line, maxChars) : [line]
    for (const piece of pieces) {
      const candidate = current === '' ? piece : `${current}\n${piece}`
      // A piece alone always fits: only a joined candidate can be too long.
      if (candidate.length > maxChars) {
        parts.push(current)
        current = piece
      } else {
        current = candidate
      }
    }
  }
  parts.push(current) // an empty text is one empty part, as it was given
  return parts
}

/** Cuts by code points, so an emoji (a surrogate pair) is never split in half. */
function hardCut(line: string, maxChars: number): string[] {
  const out: string[] = []
  let piece = ''
  for (const char of line) {
    if (piece.length + char.length > maxChars) {
      out.push(piece)
      piece = ''
    }
    piece += char
  }
  out.push(piece) // the line was longer than maxChars: never empty here
  return out
}

/** Length of a reply that should stay one message (the outbox splits at 1800 by default). */
export const ONE_MESSAGE_BUDGET = 1500

/**
 * A heading and as many list lines as fit in one message; what does not fit is counted in a
 * last line (`more(n)`), so a reply never turns into a stream of messages.
 */
export function fitOneMessage(head: readonly string[], lines: readonly string[], more: (omitted: number) => string): string {
  const whole = [...head, ...lines].join('\n')
  if (whole.length <= ONE_MESSAGE_BUDGET) return whole
  const shown: string[] = []
  // Room kept for the last line, counted with the largest number it can hold.
  let length = head.join('\n').length + more(lines.length).length + 1
  for (const line of lines) {
    length += line.length + 1
    if (length > ONE_MESSAGE_BUDGET) break
    shown.push(line)
  }
  return [...head, ...shown, more(lines.length - shown.length)].join('\n')
}
