// Reads a Dockerfile and a .dockerignore into plain data, for the image rehearsal (.ci/image-check.mjs)
// and its tests. Only the instructions and forms the project's Dockerfile can use are understood;
// anything else is an error rather than a silent skip, so the rehearsal never checks less than
// the file says.

const KNOWN = new Set(['FROM', 'RUN', 'COPY', 'ENV', 'WORKDIR', 'USER', 'VOLUME', 'HEALTHCHECK', 'CMD', 'ARG', 'LABEL', 'EXPOSE'])

/** Logical lines: comments and blank lines dropped, backslash continuations joined. */
function logicalLines(text) {
  const lines = []
  let current = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    // Comment lines are removed even inside a continued instruction, as Docker does.
    if (line.startsWith('#') || (line === '' && current === '')) continue
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `
      continue
    }
    current += line
    if (current.trim()) lines.push(current.trim())
    current = ''
  }
  if (current.trim()) lines.push(current.trim())
  return lines
}

/** Words of a shell-like argument list: spaces split, double or single quotes group (also inside a word: A="b c"). */
function words(text) {
  const out = []
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+)|(\s+)/g
  let word
  for (const m of text.matchAll(re)) {
    if (m[4] !== undefined) {
      if (word !== undefined) out.push(word)
      word = undefined
      continue
    }
    word = (word ?? '') + (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]))
  }
  if (word !== undefined) out.push(word)
  return out
}

/** `["a", "b"]` (exec form) or a shell command (shell form). */
function command(text) {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) return { exec: JSON.parse(trimmed) }
  return { shell: trimmed }
}

/** Leading `--name=value` flags, and the rest. */
function flags(text) {
  const found = {}
  let rest = text.trim()
  for (let m = /^--([\w-]+)(?:=(\S+))?\s*/.exec(rest); m; m = /^--([\w-]+)(?:=(\S+))?\s*/.exec(rest)) {
    found[m[1]] = m[2] ?? true
    rest = rest.slice(m[0].length)
  }
  return { flags: found, rest }
}

/**
 * @param {string} text the Dockerfile
 * @returns {{ name: string, from: string, steps: object[] }[]} stages, each with its steps in order
 */
export function parseDockerfile(text) {
  const stages = []
  for (const line of logicalLines(text)) {
    const [, keyword = '', rawArgs = ''] = /^(\S+)\s*([\s\S]*)$/.exec(line) ?? []
    const op = keyword.toUpperCase()
    if (!KNOWN.has(op)) throw new Error(`Dockerfile: ${op} is not understood by the rehearsal: ${line}`)
    if (op === 'FROM') {
      const [from, as, name] = words(flags(rawArgs).rest)
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : String(stages.length), from, steps: [] })
      continue
    }
    const stage = stages.at(-1)
    if (!stage) throw new Error(`Dockerfile: ${op} before FROM`)
    if (op === 'ENV') {
      const parts = words(rawArgs)
      // `ENV KEY value` (legacy) or `ENV KEY=value ...`.
      const pairs = parts[0]?.includes('=') ? parts.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]) : [[parts[0], parts.slice(1).join(' ')]]
      stage.steps.push({ op, env: Object.fromEntries(pairs) })
    } else if (op === 'COPY') {
      const { flags: f, rest } = flags(rawArgs)
      const paths = rest.startsWith('[') ? JSON.parse(rest) : words(rest)
      if (paths.length < 2) throw new Error(`Dockerfile: COPY needs a source and a destination: ${line}`)
      stage.steps.push({ op, from: typeof f.from === 'string' ? f.from : undefined, chown: f.chown, sources: paths.slice(0, -1), dest: paths.at(-1) })
    } else if (op === 'RUN' || op === 'CMD') {
      stage.steps.push({ op, ...command(rawArgs) })
    } else if (op === 'HEALTHCHECK') {
      const { flags: f, rest } = flags(rawArgs)
      if (/^NONE$/i.test(rest)) stage.steps.push({ op, none: true })
      else {
        const m = /^CMD\s+([\s\S]+)$/i.exec(rest)
        if (!m) throw new Error(`Dockerfile: HEALTHCHECK without CMD: ${line}`)
        stage.steps.push({ op, options: f, ...command(m[1]) })
      }
    } else if (op === 'VOLUME') {
      stage.steps.push({ op, paths: rawArgs.trim().startsWith('[') ? JSON.parse(rawArgs) : words(rawArgs) })
    } else {
      stage.steps.push({ op, value: rawArgs.trim() })
    }
  }
  return stages
}

/** What the image built from the last stage is: its environment, working folder, user, volumes, command, health check. */
export function finalImage(stages) {
  const stage = stages.at(-1)
  const image = { stage: stage.name, env: {}, workdir: '/', user: 'root', volumes: [], cmd: undefined, healthcheck: undefined }
  for (const step of stage.steps) {
    if (step.op === 'ENV') Object.assign(image.env, step.env)
    else if (step.op === 'WORKDIR') image.workdir = step.value.startsWith('/') ? step.value : `${image.workdir.replace(/\/$/, '')}/${step.value}`
    else if (step.op === 'USER') image.user = step.value
    else if (step.op === 'VOLUME') image.volumes.push(...step.paths)
    else if (step.op === 'CMD') image.cmd = step
    else if (step.op === 'HEALTHCHECK') image.healthcheck = step.none ? undefined : step
  }
  return image
}

/** Go's filepath.Match pattern (with `**` for any depth) as a regular expression over a whole path. */
function patternToRegExp(pattern) {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*'
      i++
      if (pattern[i + 1] === '/') i++
    } else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/**
 * A test of paths (relative to the build context, `/`-separated) against a .dockerignore: the
 * last matching line wins, `!` re-includes, and a path is excluded when it or a parent folder is.
 */
export function dockerignore(text) {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const keep = l.startsWith('!')
      const pattern = (keep ? l.slice(1) : l).trim().replace(/^\/+/, '').replace(/\/+$/, '')
      return { keep, re: patternToRegExp(pattern) }
    })
  const matches = (path) => {
    let excluded = false
    for (const rule of rules) if (rule.re.test(path)) excluded = !rule.keep
    return excluded
  }
  return (path) => {
    const parts = path.split('/')
    for (let i = 1; i <= parts.length; i++) if (matches(parts.slice(0, i).join('/'))) return true
    return false
  }
}

/** `KEY=value` lines as `docker run --env-file` reads them: no quotes removed, comments and blanks skipped. */
export function parseEnvFile(text) {
  const env = {}
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue
    const at = line.indexOf('=')
    if (at < 0) continue
    env[line.slice(0, at).trim()] = line.slice(at + 1)
  }
  return env
}
