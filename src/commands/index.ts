import { bindCommand } from './bind.js'
import type { Command } from './command.js'
import { helpCommand } from './help.js'
import { registerCommand } from './register.js'
import { roleCommands } from './roles.js'

/** Every chat command, in the order #帮助 lists them. Add a new command here. */
export function allCommands(): Command[] {
  const commands: Command[] = []
  commands.push(helpCommand(() => commands), bindCommand, ...roleCommands, registerCommand)
  return commands
}
