/** Finding the `#tag` command in a message. Pure: text in, typed result out. */

export type CommandMatch =
  | { kind: 'command'; name: string; tag: string; args: string }
  | { kind: 'unknown-tag'; tag: string }
  | { kind: 'none' }

/** Full-width forms members type on phones, folded to what the parsers expect. */
export function normaliseText(text: string): string {
  return text
    // Control and bidi-override characters only ever garble what we store and echo back.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/＃/g, '#')
    .replace(/[\u2005\u2009\u3000\u00a0]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .trim()
}

/** The "- - - - -" line WeChat puts between a quoted message and the reply to it. */
const QUOTE_SEPARATOR = /^[ \t]*(?:-[ \t]*){5,}$/m
/** A quote block as WeChat and its puppets deliver it: 「昵称：被引用的内容」. */
const QUOTE_BLOCK = /^「[^「」\n：:]{1,20}[：:][\s\S]*?」$/

/**
 * A quote reply (引用) is the reply alone: the quoted message before the separator line, or a
 * 「name：…」 block on its own at the start or end, is context. Someone else's #活动 quoted
 * in a reply is neither a command nor a record of the one who quoted it.
 */
export function stripQuote(text: string): string {
  const separator = QUOTE_SEPARATOR.exec(text)
  if (separator) return text.slice(separator.index + separator[0].length).trim()
  // A block at the start ends at the first 」 (QUOTE_BLOCK checks that it opens the text with 「name：).
  const close = text.indexOf('」') + 1
  const rest = text.slice(close).trim()
  if (rest && QUOTE_BLOCK.test(text.slice(0, close))) return rest
  // A block at the end starts at the last 「 (QUOTE_BLOCK checks that it closes the text).
  const open = text.lastIndexOf('「')
  if (open > 0 && QUOTE_BLOCK.test(text.slice(open).trim())) return text.slice(0, open).trim()
  return text
}

/** Removes leading `@name` mentions (wechat4u ends each with U+2005, folded to a space above). */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:@[^\s@#]+\s*)+/, '').trim()
}

/** The text a command is read from: normalised, the quoted part of a reply and leading @mentions taken off. */
export function commandBody(text: string): string {
  return stripLeadingMentions(stripQuote(normaliseText(text)))
}

/**
 * `aliases` maps every accepted tag (canonical names included) to its command name.
 * A tag at the start wins; otherwise a known tag that starts a line or ends the message
 * (members often write the sentence first). A tag in the middle of a sentence ("义诊 #活动
 * 照片我发群相册了") is chatter, and so is an unknown tag anywhere but the start.
 */
export function matchCommand(text: string, aliases: ReadonlyMap<string, string>): CommandMatch {
  return matchTag(commandBody(text), aliases)
}

/**
 * matchCommand on a record's stored text: cleaned by commandBody when it came in (older
 * versions kept it as sent, @mentions and ＃ included), so cleaned again but for the quote,
 * whose removal would now take a member's own ------ for a quote's separator.
 */
export function matchStored(rawText: string, aliases: ReadonlyMap<string, string>): CommandMatch {
  return matchTag(stripLeadingMentions(normaliseText(rawText)), aliases)
}

function matchTag(body: string, aliases: ReadonlyMap<string, string>): CommandMatch {
  const tags = [...aliases.keys()].sort((a, b) => b.length - a.length)

  if (body.startsWith('#')) {
    const rest = body.slice(1).trimStart()
    const tag = tags.find((t) => rest.startsWith(t))
    if (tag) {
      return { kind: 'command', name: aliases.get(tag)!, tag, args: rest.slice(tag.length).trim() }
    }
    const word = /^[\p{L}\p{N}]+/u.exec(rest)?.[0]
    return word ? { kind: 'unknown-tag', tag: word } : { kind: 'none' }
  }

  // `body` is trimmed and does not start with #: a later tag follows a space or a line break.
  for (const found of body.matchAll(/(\s)#/g)) {
    const start = found.index + found[0].length
    const tag = tags.find((t) => body.startsWith(t, start))
    const endsMessage = tag !== undefined && start + tag.length === body.length
    if (tag && (found[1] === '\n' || endsMessage)) {
      // A tag on a line of its own joins the lines around it; one that ends the message has nothing after it.
      const args = `${body.slice(0, found.index).trimEnd()}\n${body.slice(start + tag.length).trimStart()}`.trim()
      return { kind: 'command', name: aliases.get(tag)!, tag, args }
    }
  }
  return { kind: 'none' }
}

/** A COMMAND_ALIASES pair: the alias, the command it stands for. */
export type AliasPair = [alias: string, command: string]

/**
 * `tags` (tag → command name) and the COMMAND_ALIASES pairs added in order, as the router takes
 * them: an alias may stand for a command by any tag added before it. A pair whose target is not
 * among them goes to `unknown` (the router refuses to start; a caller that knows only some
 * commands' tags leaves it out).
 */
export function withAliases(tags: Iterable<[string, string]>, pairs: readonly AliasPair[], unknown: (pair: AliasPair) => void): Map<string, string> {
  const table = new Map(tags)
  for (const [alias, target] of pairs) {
    const name = table.get(target)
    if (name) table.set(alias, name)
    else unknown([alias, target])
  }
  return table
}

/** `活动记录=活动,履职活动=活动` → [['活动记录','活动'], …]; bad pairs are reported, not guessed. */
export function parseAliasSetting(setting: string): { pairs: AliasPair[]; errors: string[] } {
  const pairs: AliasPair[] = []
  const errors: string[] = []
  for (const item of setting.split(/[,，]/).map((s) => s.trim()).filter(Boolean)) {
    const [alias, target] = item.split('=').map((s) => s.trim().replace(/^[#＃]/, ''))
    if (alias && target) pairs.push([alias, target])
    else errors.push(`COMMAND_ALIASES 中的「${item}」应写成 别名=命令，例如 活动记录=活动`)
  }
  return { pairs, errors }
}
