/**
 * Text as it may be stored, shown and exported: a lone surrogate cannot be stored as UTF-8
 * (it becomes U+FFFD); characters XML 1.0 cannot hold (C0 controls but tab and newlines,
 * U+FFFE, U+FFFF) make an .xlsx unreadable; zero-width characters and bidi controls hide or
 * reorder what a secretary sees (a name that looks like another's, a figure read backwards).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(NOT_IN_XML, '').replace(INVISIBLE, '')
}
