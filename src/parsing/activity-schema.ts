// Final shape check of an activity draft (the parsers build it; zod guards the contract).
import { z } from 'zod'
import { ACTIVITY_TYPES } from './activity-types.js'

export const ActivityFieldsSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  dateDefaulted: z.boolean(),
  title: z.string().min(1).max(120),
  type: z.enum(ACTIVITY_TYPES),
  typeInferred: z.boolean(),
  place: z.string().min(1).max(100).optional(),
  memberNames: z.array(z.string().min(1)),
  memberCount: z.number().int().nonnegative().optional(),
  memberCountApprox: z.boolean().optional(),
  participants: z.number().int().nonnegative().optional(),
  participantsApprox: z.boolean().optional(),
  reach: z.number().int().nonnegative().optional(),
  reachApprox: z.boolean().optional(),
  partners: z.array(z.string().min(1)),
  brand: z.string().min(1).max(50).optional(),
  note: z.string().min(1).optional(),
})
