import type { Config } from '../config.js'
import type { RecordKind } from '../domain/kinds.js'
import type { AppServices, ChatContext } from './context.js'

/** What a deployment set that help texts name: its config and its scoring rules. */
export type Deployment = Pick<AppServices, 'config' | 'rules'>

/** One chat command. The router finds it by tag; its handler checks permissions itself. */
export interface Command {
  /** Canonical tag without `#`. */
  name: string
  aliases?: string[]
  /** One line in #帮助. */
  summary: string
  /** A template members can copy; starts with the tag. */
  usage: string
  /**
   * `#帮助 <命令>`: what a member needs beyond summary and usage (fields, a multi-line
   * template, who may use it, examples), kept here so it changes with the command. A function
   * when it names the deployment's settings (reminder times, the rules file's minimums). Lines
   * joined with \n; no tag line, no usage.
   */
  help?: string | ((deployment: Deployment) => string)
  /** Only meaningful in a group bound to a room. */
  needsRoom: boolean
  /**
   * In a private chat, who the sender is must rest on a key (#认证): the words for what they
   * asked ("导出台账"), used in the reply that tells an unverified contact how to verify.
   */
  privateNeedsKey?: string
  /** May run in a group whose binding waits for #确认绑定 (default: no). */
  whileHeld?: boolean
  /** It records this kind: a message refused before it runs (sent too fast) is kept as a draft of it. */
  records?: RecordKind
  run(ctx: ChatContext, args: string): Promise<void>
}
