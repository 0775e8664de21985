// Final shape check of an activity's parsed values: its field table's check (src/domain/activity.ts),
// with what only the activity's own parser adds: the time's form, names of any length, an inferred type, 约数 marks.
import { z } from 'zod'
import { ACTIVITY_TABLE } from '../domain/activity.js'
import { schemaOf } from './field-table.js'

export const ActivityFieldsSchema = schemaOf(ACTIVITY_TABLE).extend({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  // A group written as who took part (市政协教科卫体委员会全体委员) is one name, kept as written.
  memberNames: z.array(z.string().min(1)),
  typeInferred: z.boolean(),
  memberCountApprox: z.boolean().optional(),
  participantsApprox: z.boolean().optional(),
  reachApprox: z.boolean().optional(),
})
