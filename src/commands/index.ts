import { bindCommand, confirmBindCommand } from './bind.js'
import { claimCommand, verifyCommand } from './identity.js'
import type { Command } from '../router/command.js'
import { digestCommands } from './digest/commands.js'
import { helpCommand } from './help.js'
import { cancelPlanCommand, planCommand, settingsCommand } from './plans.js'
import { registerCommand } from './register.js'
import { activityCommand, recordCommand } from './records/create.js'
import { KINDS } from '../records/kinds.js'
import { proposalStepCommands } from './records/proposal-status.js'
import { editCommand, withdrawCommands } from './records/edit.js'
import { recentCommand, showCommand } from './records/show.js'
import { statusCommands } from './records/status.js'
import { roleCommands } from './roles.js'
import { exportCommand } from './export.js'
import { myYearCommand, rankingCommand } from './scoring.js'

/** Every chat command, in the order #帮助 lists them. Add a new command here. */
export function allCommands(): Command[] {
  const commands: Command[] = []
  commands.push(
    helpCommand(() => commands),
    activityCommand,
    recordCommand(KINDS.opinion),
    ...statusCommands,
    recordCommand(KINDS.proposal),
    ...proposalStepCommands,
    recordCommand(KINDS.research),
    recordCommand(KINDS.speech),
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
