import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The folder holding package.json (and prisma/): the same whether this file runs from src/
 * under tsx or from dist/src/ after `npm run build`.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname)
