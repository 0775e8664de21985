import type { Command } from './command.js'
import { Composer } from './composer.js'
import type { ChatContext } from './context.js'
import { addressedOnly, dedupe, dispatch, errorBoundary, ignoreSelf, resolveParties, senderLimit } from './middleware.js'

export interface RouterOptions {
  commands: readonly Command[]
  /** Extra tags from the deployment's COMMAND_ALIASES: alias → command name. */
  extraAliases: readonly [string, string][]
  isEcho: (text: string) => boolean
}

/** Every accepted tag → its command's name. Unknown targets in extra aliases are an error. */
export function buildAliasTable(commands: readonly Command[], extra: readonly [string, string][]): Map<string, string> {
  const table = new Map<string, string>()
  for (const command of commands) {
    for (const tag of [command.name, ...(command.aliases ?? [])]) table.set(tag, command.name)
  }
  for (const [alias, target] of extra) {
    const name = table.get(target)
    if (!name) throw new Error(`COMMAND_ALIASES：没有「#${target}」这个命令，无法为它设置别名「#${alias}」`)
    table.set(alias, name)
  }
  return table
}

/** The order matters and reads top to bottom: what a message goes through. */
export function buildRouter(options: RouterOptions): Composer<ChatContext> {
  const aliases = buildAliasTable(options.commands, options.extraAliases)
  const byName = new Map(options.commands.map((c) => [c.name, c]))
  return new Composer<ChatContext>().use(
    ignoreSelf(options.isEcho),
    addressedOnly(() => aliases),
    dedupe,
    errorBoundary,
    resolveParties,
    senderLimit(() => byName),
    dispatch(() => byName),
  )
}
