/**
 * Splits a long text at line boundaries so each part stays under WeChat's length limit.
 * A single line longer than the limit is cut hard, since it cannot be split more kindly.
 */
export function splitForWeChat(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text]
  const parts: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    const pieces = line.length > maxChars ? hardCut(line, maxChars) : [line]
    for (const piece of pieces) {
      const candidate = current === '' ? piece : `${current}\n${piece}`
      if (candidate.length > maxChars && current !== '') {
        parts.push(current)
        current = piece
      } else {
        current = candidate
      }
    }
  }
  if (current !== '') parts.push(current)
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
  if (piece) out.push(piece)
  return out
}
