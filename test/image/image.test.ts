import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dockerignore, finalImage, parseDockerfile, parseEnvFile, type Stage } from '../../.ci/dockerfile.mjs'
import { PROJECT_ROOT } from '../../src/project-root.js'

/**
 * The fast half of the image check: what the Dockerfile, .dockerignore and package.json promise
 * each other, read from the files themselves. The slow half (the image built and run, or the
 * Dockerfile rehearsed) is .ci/image-check.mjs, run by .ci/run before the tests.
 */
const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8')
const stages = parseDockerfile(read('Dockerfile'))
const image = finalImage(stages)
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> }
const runtimeFilesRun = stages
  .flatMap((s) => s.steps)
  .map((step) => (step.op === 'RUN' ? (step.shell ?? step.exec.join(' ')) : ''))
  .find((text) => text.includes('scripts/runtime-files.mjs'))

/** The compiled entry points the image keeps (main and the operator commands), as their sources. */
const entryPoints = [...(runtimeFilesRun ?? '').matchAll(/\bdist\/(src\/\S+)\.js\b/g)].map((m) => `${m[1]}.ts`)
/** Packages the image keeps because they are loaded by name at run time (the puppets). */
const namedPackages = [...(runtimeFilesRun ?? '').matchAll(/--package\s+(\S+)/g)].map((m) => m[1]!)

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/** Bare packages the runtime code can load: static and literal dynamic imports, type-only ones left out, followed through relative imports. */
function runtimePackages(entries: string[]): Map<string, string> {
  const found = new Map<string, string>()
  const seen = new Set<string>()
  const queue = entries.map((e) => join(PROJECT_ROOT, e))
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
      ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
    ]
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
        queue.push(existsSync(target) ? target : join(target.replace(/\.ts$/, ''), 'index.ts'))
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        found.set(packageOf(specifier), relative(PROJECT_ROOT, file))
      }
    }
  }
  return found
}

describe('the Dockerfile', () => {
  it('runs as an unprivileged user, with the data folder as its one volume and CONTAINER_DATA_DIR', () => {
    expect(image.user).not.toMatch(/^(root|0)(:|$)/)
    expect(image.volumes).toHaveLength(1)
    // config.ts puts the database and the login card in CONTAINER_DATA_DIR, whatever DATA_DIR an env file sets.
    expect(image.env.CONTAINER_DATA_DIR).toBe(image.volumes[0])
  })

  it('checks its health with `npm run status`, which runs the compiled command where TypeScript cannot', () => {
    expect(image.healthcheck?.exec?.filter((w) => w !== '--silent')).toEqual(['npm', 'run', 'status'])
    expect(pkg.scripts.status).toContain('dist/src/cli/status.js')
    expect(image.cmd?.exec).toContain('dist/src/main.js')
  })

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = dockerignore(read('.dockerignore'))
    const sources = stages.flatMap((s) => s.steps).flatMap((step) => (step.op === 'COPY' && !step.from ? step.sources : []))
    expect(sources.length).toBeGreaterThan(0)
    for (const source of sources) {
      expect(existsSync(join(PROJECT_ROOT, source)), source).toBe(true)
      expect(ignored(source.replace(/^\.\//, '').replace(/\/$/, '')), source).toBe(false)
    }
    for (const secret of ['.env', '.env.production', 'data/bot.db', 'bot.db-wal', 'data/cppcc-bot.memory-card.json', 'node_modules/x', 'src/generated/prisma/client.ts']) {
      expect(ignored(secret), secret).toBe(true)
    }
    expect(ignored('.env.example')).toBe(false)
  })

  it('keeps the compiled entry points of main and the operator commands, and each one has a source', () => {
    expect(entryPoints).toContain('src/main.ts')
    expect(entryPoints).toContain('src/cli/status.ts')
    for (const entry of entryPoints) expect(existsSync(join(PROJECT_ROOT, entry)), entry).toBe(true)
  })
})

describe('package.json for the image', () => {
  it('lists every package the runtime code loads in dependencies, not devDependencies', () => {
    const loaded = runtimePackages(entryPoints)
    for (const name of namedPackages) loaded.set(name, 'Dockerfile --package')
    const missing = [...loaded].filter(([name]) => !(name in pkg.dependencies)).map(([name, from]) => `${name} (loaded by ${from})`)
    expect(missing).toEqual([])
  })

  it('has no dependency that the runtime code never loads (it belongs in devDependencies)', () => {
    const loaded = runtimePackages(entryPoints)
    const unused = Object.keys(pkg.dependencies).filter((name) => !loaded.has(name) && !namedPackages.includes(name))
    expect(unused).toEqual([])
  })

  it('keeps the build and test tools out of dependencies', () => {
    for (const tool of ['prisma', 'tsx', 'typescript', 'vitest', '@vercel/nft']) {
      expect(pkg.dependencies[tool], tool).toBeUndefined()
      expect(pkg.devDependencies[tool], tool).toBeDefined()
    }
  })
})

describe('the status script', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
  const npm = (args: string[], cwd: string) =>
    new Promise<string>((ok, fail) => execFile('npm', args, { cwd }, (error, stdout) => (error ? fail(error) : ok(stdout))))

  /** A folder with package.json's real status script and stand-ins for the compiled command and tsx. */
  function folder(withTsx: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'status-script-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, scripts: { status: pkg.scripts.status } }))
    mkdirSync(join(dir, 'dist/src/cli'), { recursive: true })
    writeFileSync(join(dir, 'dist/src/cli/status.js'), "console.log(JSON.stringify(['dist', ...process.argv.slice(2)]))\n")
    if (withTsx) {
      mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true })
      writeFileSync(join(dir, 'node_modules/.bin/tsx'), '#!/bin/sh\nnode -e \'console.log(JSON.stringify(["tsx", ...process.argv.slice(1)]))\' "$@"\n')
      chmodSync(join(dir, 'node_modules/.bin/tsx'), 0o755)
    }
    return dir
  }

  it('runs the compiled command with the arguments where tsx is not installed (the image)', async () => {
    const stdout = await npm(['run', '--silent', 'status', '--', '--json', '--db', 'a b.db'], folder(false))
    expect(JSON.parse(stdout)).toEqual(['dist', '--json', '--db', 'a b.db'])
  })

  it('runs the TypeScript source with tsx in a checkout with the dev tools', async () => {
    const stdout = await npm(['run', '--silent', 'status', '--', '--json'], folder(true))
    expect(JSON.parse(stdout)).toEqual(['tsx', 'src/cli/status.ts', '--json'])
  })
})

describe('the rehearsal parser (.ci/dockerfile.mjs)', () => {
  it('reads continued lines, comments inside them, exec and shell forms, ENV pairs and stages', () => {
    const stages: Stage[] = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:20-bookworm-slim AS build',
        'RUN a \\',
        '# a comment inside',
        ' && b',
        'ENV A=1 \\',
        '    B="two words"',
        'COPY --from=build /runtime /app',
        'FROM node:20-bookworm-slim',
        'WORKDIR /app',
        'USER node',
        'HEALTHCHECK --interval=1m CMD ["npm", "run", "status"]',
        'CMD node main.js',
      ].join('\n'),
    )
    expect(stages.map((s) => s.name)).toEqual(['build', '1'])
    expect(stages[0]!.steps).toEqual([
      { op: 'RUN', shell: 'a  && b' },
      { op: 'ENV', env: { A: '1', B: 'two words' } },
      { op: 'COPY', from: 'build', chown: undefined, sources: ['/runtime'], dest: '/app' },
    ])
    const image = finalImage(stages)
    expect(image).toMatchObject({ workdir: '/app', user: 'node', cmd: { shell: 'node main.js' }, healthcheck: { options: { interval: '1m' }, exec: ['npm', 'run', 'status'] } })
  })

  it('refuses an instruction it does not understand instead of skipping it', () => {
    expect(() => parseDockerfile('FROM node:20\nADD https://example.org/x /x\n')).toThrow(/ADD/)
  })

  it('applies .dockerignore as Docker does: last match wins, ! re-includes, a parent excludes its files', () => {
    const ignored = dockerignore('data\n*.db\n.env.*\n!.env.example\n**/*.map\n')
    expect(ignored('data/x/y.json')).toBe(true)
    expect(ignored('sub/bot.db')).toBe(false)
    expect(ignored('bot.db')).toBe(true)
    expect(ignored('.env.local')).toBe(true)
    expect(ignored('.env.example')).toBe(false)
    expect(ignored('a/b/c.js.map')).toBe(true)
    expect(ignored('database/x')).toBe(false)
  })

  it('reads an env file as docker run --env-file does (quotes kept, comments skipped)', () => {
    expect(parseEnvFile('# c\nA=1\n\nB="x"\nC=a=b\n')).toEqual({ A: '1', B: '"x"', C: 'a=b' })
    expect(parseEnvFile(read('.env.example')).DATA_DIR).toBe('./data')
  })
})
