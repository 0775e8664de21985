// Shared result shape of the message parsers.
import type { z } from 'zod'

export interface FieldProblem {
  field: string // Chinese label, e.g. '日期'
  problem: string // Chinese, e.g. 日期看不懂："9月32日"
}

export type ParseOutcome<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; errors: FieldProblem[]; partial: Partial<T> }

/** Zod issues turned into the Chinese problems members see. */
export function issuesToProblems(error: z.ZodError, names: Readonly<Record<string, string>>): FieldProblem[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '')
    const field = names[key] ?? key
    let problem = `${field}的格式不对`
    if (issue.code === 'too_big') problem = `${field}太长了，请精简一些`
    else if (issue.code === 'too_small') problem = `${field}没有填写`
    return { field, problem }
  })
}
