import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Logger } from '../log.js'
import type { Outbox } from '../outbox/outbox.js'
import type { ScheduleData } from '../services/schedule-data.js'

/**
 * What the schedule works with: no database client, only its reads bound in services
 * (`data`), so `services.db.…` in src/schedule does not compile. .dependency-cruiser.cjs keeps
 * the client's types (src/db, the generated PrismaClient, the router's AppServices) out of
 * src/schedule, so no other type can bring one in.
 */
export interface ScheduleServices {
  config: Config
  clock: Clock
  log: Logger
  outbox: Pick<Outbox, 'enqueue'>
  data: ScheduleData
}
