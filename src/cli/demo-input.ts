import { commandBody } from '../router/command-text.js'

/** What the demo does with what was typed: say it in the chat, run a demo command, or drop a block. */
export type DemoInput = { kind: 'say'; text: string } | { kind: 'demo'; line: string } | { kind: 'dropped'; lines: number }

/** How long a tag alone on its line waits for a pasted next line before it is sent by itself. */
export const BARE_TAG_WAIT_MS = 60

/**
 * Turns terminal lines into chat messages, as WeChat's input box would: a line is one message,
 * sent at once, unless it starts a block. A block is a multi-line paste (the terminal marks
 * pastes), a tag alone on its line with its next line pasted right behind it (the README's
 * `#活动` / `时间：…` form, in any terminal or from a pipe), or `/multi` for typing one by hand.
 * An empty line typed after it sends the block; `/cancel` drops it.
 */
export class LineAssembler {
  private block: string[] | undefined
  /** A tag alone on its line: it opens a block if a field line comes with it, else it is a message. */
  private bareTag: string | undefined
  /** Lines of the paste in progress: only its end tells a one-line paste from a block. */
  private paste: string[] = []

  /** A block is open: the prompt says an empty line sends it. */
  get inBlock(): boolean {
    return this.block !== undefined
  }

  /** A bare tag waits: call quiet() if no line follows within BARE_TAG_WAIT_MS. */
  get waiting(): boolean {
    return this.bareTag !== undefined
  }

  line(text: string, pasted = false): DemoInput[] {
    if (!pasted) return this.typed(text)
    const out = this.settle(text)
    this.paste.push(text)
    return out
  }

  pasteEnd(): DemoInput[] {
    const lines = this.paste
    this.paste = []
    if (this.block) {
      this.block.push(...lines)
      return []
    }
    // Blank lines around a pasted line do not make it a block; blank lines inside a block stay (paragraphs).
    const content = trimBlank(lines)
    if (content.length >= 2) {
      this.block = content
      return []
    }
    return content.length === 1 ? this.typed(content[0]!) : []
  }

  /** Nothing followed a bare tag: it was typed on its own, a message like any other line. */
  quiet(): DemoInput[] {
    const tag = this.bareTag
    this.bareTag = undefined
    return tag === undefined ? [] : [{ kind: 'say', text: tag }]
  }

  /** End of input: whatever was started is sent (a script need not end with an empty line). */
  end(): DemoInput[] {
    const out = [...this.pasteEnd(), ...this.quiet()]
    return this.block ? [...out, ...this.send()] : out
  }

  private typed(text: string): DemoInput[] {
    const trimmed = text.trim()
    if (this.block) {
      if (trimmed === '') return this.send()
      // Typed, not pasted: the way out of a block (a pasted line is always text).
      if (trimmed === '/cancel' || trimmed === '/quit' || trimmed === '/exit') {
        const lines = this.block.length
        this.block = undefined
        return trimmed === '/cancel' ? [{ kind: 'dropped', lines }] : [{ kind: 'dropped', lines }, { kind: 'demo', line: trimmed }]
      }
      this.block.push(text)
      return []
    }
    const out = this.settle(text)
    // settle() opens a block when this line is the field line a bare tag waited for.
    const opened = this.block as string[] | undefined
    if (opened) {
      opened.push(text)
      return out
    }
    if (trimmed === '') return out
    if (trimmed === '/multi') {
      this.block = []
      return out
    }
    if (trimmed.startsWith('/')) return [...out, { kind: 'demo', line: trimmed }]
    if (/^#[^\s#]+$/.test(commandBody(trimmed))) {
      this.bareTag = trimmed
      return out
    }
    return [...out, { kind: 'say', text: trimmed }]
  }

  /** A waiting bare tag meets the next line: a field line makes them a block, anything else sends the tag. */
  private settle(next: string): DemoInput[] {
    if (this.bareTag === undefined) return []
    const tag = this.bareTag
    this.bareTag = undefined
    const trimmed = next.trim()
    if (trimmed !== '' && !/^[#＃/]/.test(trimmed)) {
      this.block = [tag]
      return []
    }
    return [{ kind: 'say', text: tag }]
  }

  private send(): DemoInput[] {
    const text = trimBlank(this.block ?? []).join('\n')
    this.block = undefined
    return text ? [{ kind: 'say', text }] : []
  }
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && lines[start]!.trim() === '') start++
  while (end > start && lines[end - 1]!.trim() === '') end--
  return lines.slice(start, end)
}
