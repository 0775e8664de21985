import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { migrateSqlite } from '../src/db/migrate.js'

/** One migrated database per run; every test copies it instead of migrating again. */
export default async function setup() {
  const dir = join(tmpdir(), `cppcc-bot-test-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const template = join(dir, 'template.db')
  await migrateSqlite(template)
  process.env.TEST_TEMPLATE_DB = template
  process.env.TEST_TMP_DIR = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
