import type { Wechaty } from 'wechaty'
import { PUPPET_SERVICE } from './service-options.js'

/**
 * wechaty-puppet-service keeps contact and group payloads in a LevelDB under
 * ~/.wechaty/wechaty-puppet-service/<token>/ and trusts it across restarts: changes made while
 * the bot was away never reach it (tried: a remark removed and a group renamed while the bot was
 * stopped still read as before after the restart). A remark is what BOT_ADMINS is matched with,
 * so a stale one could keep a revoked admin's rights. Only that puppet keeps such a cache.
 */
export function keepsPayloadsAcrossRestarts(bot: Wechaty): boolean {
  return bot.puppet.name() === PUPPET_SERVICE
}

/** Requests at a time: enough to finish a few thousand contacts in seconds, few enough not to flood a gateway. */
const PARALLEL = 8

async function inParallel(jobs: Array<() => Promise<void>>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!()
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
}

/**
 * How many times to mark a payload dirty. The service client deletes its LevelDB copy without
 * waiting while Wechaty, on the same `dirty` event, reads the payload again: the read can win
 * and put the old copy back in memory (tried: 2–10 of 100 contacts stale after one pass, none
 * after two). The second pass finds the store already emptied.
 */
function passes(bot: Wechaty): number {
  return keepsPayloadsAcrossRestarts(bot) ? 2 : 1
}

/** A contact's payload is read afresh from now on (after the bot changed a remark, say). */
export async function dirtyContact(bot: Wechaty, contactId: string): Promise<void> {
  for (let pass = 0; pass < passes(bot); pass++) await bot.puppet.contactPayloadDirty(contactId)
}

/**
 * Marks every contact and group of this login as changed, through the puppet's public dirty-payload
 * calls: the service drops its stored copies and the next read asks the gateway. Group member
 * payloads (group aliases, display only) are left: Wechaty 1.20 answers a dirty member list by
 * looking the group's id up as a contact, an error event per group.
 */
export async function refreshPayloads(bot: Wechaty): Promise<{ contacts: number; rooms: number }> {
  const puppet = bot.puppet
  const [contactIds, roomIds] = await Promise.all([puppet.contactList(), puppet.roomList()])
  for (let pass = 0; pass < passes(bot); pass++) {
    await inParallel([...contactIds.map((id) => () => puppet.contactPayloadDirty(id)), ...roomIds.map((id) => () => puppet.roomPayloadDirty(id))])
  }
  return { contacts: contactIds.length, rooms: roomIds.length }
}
