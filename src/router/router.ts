import type { Command } from './command.js'
import { Composer } from './composer.js'
import type { ChatContext } from './context.js'
import { withAliases, type AliasPair } from './command-text.js'
import { addressedOnly, dedupe, dispatch, errorBoundary, ignoreSelf, resolveParties, senderLimit } from './middleware.js'

export interface RouterOptions {
  commands: readonly Command[]
  /** Extra tags from the deployment's COMMAND_ALIASES: alias → command name. */
  extraAliases: readonly AliasPair[]
  isEcho: (text: string) => boolean
}

/** Every accepted tag → its command's name. Unknown targets in extra aliases are an error. */
export function buildAliasTable(commands: readonly Command[], extra: readonly AliasPair[]): Map<string, string> {
  const tags = commands.flatMap((command): [string, string][] => [command.name, ...(command.aliases ?? [])].map((tag) => [tag, command.name]))
  return withAliases(tags, extra, ([alias, target]) => {
    throw new Error(`COMMAND_ALIASES：没有「#${target}」这个命令，无法为它设置别名「#${alias}」`)
  })
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
