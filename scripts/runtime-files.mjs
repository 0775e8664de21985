#!/usr/bin/env node
// Copies the files the compiled bot can load at run time into another folder: the Docker image's
// runtime stage is that folder. A file trace (@vercel/nft: static and literal dynamic imports,
// native addons, files read relative to a module) from the entry points, instead of all of
// node_modules, which is ten times larger (source maps, types, browser builds, the engines of
// databases we do not use, build tools).
//
// Usage: node scripts/runtime-files.mjs <out-dir> <entry.js>... [--package <name>]... [--dir <folder>]... [--whole <name>]...
//   --package  a package loaded by a name chosen at run time (Wechaty imports the WECHATY_PUPPET
//              package by name, which no trace can see)
//   --dir      a folder the code lists and reads (the migrations), copied whole
//   --whole    a package that requires its own files by computed names (no trace sees those),
//              copied whole wherever the trace found it
// The project's package.json is always copied: it marks the project root and holds the npm scripts.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeFileTrace } from '@vercel/nft'

const root = process.cwd()
const [out, ...rest] = process.argv.slice(2)
if (!out || rest.length === 0) {
  process.stderr.write('usage: node scripts/runtime-files.mjs <out-dir> <entry.js>... [--package <name>]... [--dir <folder>]... [--whole <name>]...\n')
  process.exit(2)
}

const entries = []
const dirs = []
const wholes = []
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i]
  if (arg === '--package' || arg === '--dir' || arg === '--whole') {
    const value = rest[++i]
    if (!value) throw new Error(`${arg} needs a value`)
    if (arg === '--dir') dirs.push(value)
    else if (arg === '--whole') wholes.push(value)
    // Resolved as `import(name)` resolves it from this project (this script lives in it), with
    // the package's export conditions.
    else entries.push(relative(root, fileURLToPath(import.meta.resolve(value))))
  } else {
    entries.push(arg)
  }
}
for (const path of [...entries, ...dirs]) {
  if (!existsSync(path)) throw new Error(`${path} does not exist (run npm run build first?)`)
}

// Node 20.19+ resolves the `module-sync` export condition (require of ES modules); the tracer
// assumes it only from Node 22, so it is named here, with the fallbacks kept for older 20.x.
const trace = (files) => nodeFileTrace(files, { base: root, processCwd: root, conditions: ['node', 'module-sync'], moduleSyncCatchall: true })
let { fileList, warnings } = await trace(entries)

// A --whole package: found where the trace reached it, then every module in it traced too, so
// that what those modules require comes along.
const wholeRoots = wholes.map((name) => {
  const marker = `node_modules${sep}${name}${sep}`
  const roots = [...new Set([...fileList].filter((f) => f.includes(marker)).map((f) => f.slice(0, f.lastIndexOf(marker) + marker.length - 1)))]
  if (roots.length === 0) throw new Error(`--whole ${name}: the trace does not reach this package`)
  return roots
}).flat()
if (wholeRoots.length > 0) {
  // The package's own modules, not those of packages nested in it (the trace decides those).
  const modules = wholeRoots.flatMap((dir) => listFiles(dir).filter((f) => /\.(c|m)?js$/.test(f) && !relative(dir, f).includes('node_modules')))
  ;({ fileList, warnings } = await trace([...entries, ...modules]))
}

function listFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
}

// A module of ours that imports something not installed would fail at run time: stop the build.
// Unresolved optional requires inside libraries (ws's bufferutil, pg-native, …) fail the same way
// in any install and are guarded by the libraries themselves.
const ours = [...warnings].filter((w) => /Failed to resolve dependency/.test(w.message) && !/node_modules/.test(w.message.split(' loaded from ')[1] ?? ''))
if (ours.length > 0) {
  for (const w of ours) process.stderr.write(`${w.message}\n`)
  process.exit(1)
}

rmSync(out, { recursive: true, force: true })
let bytes = 0
const copy = (file) => {
  const from = join(root, file)
  const to = join(out, file)
  mkdirSync(dirname(to), { recursive: true })
  const info = lstatSync(from)
  if (info.isSymbolicLink()) {
    if (!existsSync(to)) symlinkSync(readlinkSync(from), to)
  } else if (info.isFile()) {
    cpSync(from, to, { preserveTimestamps: true })
    bytes += info.size
  }
}
const files = new Set([...fileList].filter((f) => !f.startsWith(`..${sep}`)))
files.add('package.json')
for (const file of files) copy(file)
for (const dir of wholeRoots) {
  cpSync(join(root, dir), join(out, dir), { recursive: true })
  bytes += sizeOf(join(root, dir))
}
for (const dir of dirs) {
  cpSync(join(root, dir), join(out, dir), { recursive: true })
  bytes += sizeOf(join(root, dir))
}

function sizeOf(path) {
  const info = lstatSync(path)
  return info.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : info.size
}

process.stdout.write(`runtime files: ${files.size} files, ${dirs.length} folders and ${wholes.length} whole packages, ${(bytes / 1e6).toFixed(1)} MB, in ${resolve(out)}\n`)
