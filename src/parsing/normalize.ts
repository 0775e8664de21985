// Width normalisation that keeps string length, so indices found on the
// normalised copy can slice the original text (values keep the member's own punctuation).

/** Map full-width ASCII (U+FF01–FF5E) and the ideographic space to half-width, 1:1 per char. */
export function toHalfWidth(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0)
    else if (code === 0x3000) out += ' '
    else out += ch
  }
  return out
}

/** Paired view of a text: regexes run on `norm`, values are sliced from `orig`. */
export interface DualText {
  orig: string
  norm: string
}

export function dual(text: string): DualText {
  return { orig: text, norm: toHalfWidth(text) }
}

/**
 * Trim whitespace and separator punctuation (both widths) from both ends.
 * With keepSentenceEnd a final 。！？ stays (prose), otherwise it goes (names, titles).
 */
export function trimPunct(text: string, keepSentenceEnd = false): string {
  const t = text.replace(/^[\s,，;；:：、。.!！?？]+/u, '')
  return keepSentenceEnd ? t.replace(/[\s,，;；:：、]+$/u, '') : t.replace(/[\s,，;；:：、。!！?？]+$/u, '')
}

/**
 * A value written as none (采纳：无, 批示：暂无, 品牌：—) is not written: the field stays empty
 * (a required one is then missing), and `字段=无` is how #修改 clears one.
 */
export function meansNone(text: string): boolean {
  return /^(?:无|暂无|尚无|没有|空|\/|／|-+|—+)$/u.test(trimPunct(text))
}

/** Remove one pair of wrapping quotes / brackets if they enclose the whole text. */
export function unwrapQuotes(text: string): string {
  const t = text.trim()
  const pairs: Array<[string, string]> = [
    ['“', '”'], ['"', '"'], ['「', '」'], ['『', '』'], ['《', '》'], ['【', '】'], ["'", "'"], ['‘', '’'],
  ]
  for (const [open, close] of pairs) {
    if (t.length > 2 && t.startsWith(open) && t.endsWith(close)) {
      const inner = t.slice(1, -1)
      // Only unwrap when the inner text has no further quote of the same kind ("a”x“b").
      if (!inner.includes(open) && !inner.includes(close)) return inner.trim()
    }
  }
  return t
}

/** What a member wrote, shortened for quoting back in a reply (a 100 KB typo must not flood the group). */
export function echo(text: string, max = 30): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`
}
