// Final shape check of an activity's parsed values: its field table's check (src/domain/activity.ts),
// with what only the activity's own parser adds: the time's form, an inferred type, 约数 marks.
import { z } from 'zod'
import { ACTIVITY_TABLE } from '../domain/activity.js'
import { schemaOf } from './field-table.js'

export const ActivityFieldsSchema = schemaOf(ACTIVITY_TABLE).extend({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  typeInferred: z.boolean(),
  memberCountApprox: z.boolean().optional(),
  participantsApprox: z.boolean().optional(),
  reachApprox: z.boolean().optional(),
})
