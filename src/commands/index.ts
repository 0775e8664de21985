import { bindCommand, confirmBindCommand } from './bind.js'
import { claimCommand, verifyCommand } from './identity.js'
import type { Command } from '../router/command.js'
import { digestCommands } from './digest/commands.js'
import { helpCommand } from './help.js'
import { cancelPlanCommand, planCommand, settingsCommand } from './plans.js'
import { registerCommand } from './register.js'
import { activityCommand, recordCommand } from './records/create.js'
import { ALL_KINDS, STORED_KINDS } from '../records/kinds.js'
import { KIND_STEPS } from './records/steps.js'
import { editCommand, withdrawCommands } from './records/edit.js'
import { recentCommand, showCommand } from './records/show.js'
import { roleCommands } from './roles.js'
import { exportCommand } from './export.js'
import { myYearCommand, rankingCommand } from './scoring.js'

/** Every chat command, in the order #帮助 lists them. Add a new command here. */
export function allCommands(): Command[] {
  const commands: Command[] = []
  commands.push(
    helpCommand(() => commands),
    // A command per kind of record, each followed by the steps secretaries register on it.
    ...ALL_KINDS.flatMap((kind) => [kind.kind === 'activity' ? activityCommand : recordCommand(STORED_KINDS[kind.kind]), ...(KIND_STEPS[kind.kind]?.commands ?? [])]),
    editCommand,
    ...withdrawCommands,
    showCommand,
    recentCommand,
    ...digestCommands,
    myYearCommand,
    rankingCommand,
    exportCommand,
    planCommand,
    cancelPlanCommand,
    settingsCommand,
    bindCommand,
    confirmBindCommand,
    ...roleCommands,
    registerCommand,
    verifyCommand,
    claimCommand,
  )
  return commands
}
