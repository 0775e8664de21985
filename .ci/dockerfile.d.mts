// Types of .ci/dockerfile.mjs, for the tests that import it.
export type Command = { exec: string[]; shell?: undefined } | { shell: string; exec?: undefined }
export type Step =
  | { op: 'ENV'; env: Record<string, string> }
  | { op: 'COPY'; from?: string; chown?: string | true; sources: string[]; dest: string }
  | ({ op: 'RUN' | 'CMD' } & Command)
  | ({ op: 'HEALTHCHECK'; none?: undefined; options: Record<string, string | true> } & Command)
  | { op: 'HEALTHCHECK'; none: true }
  | { op: 'VOLUME'; paths: string[] }
  | { op: 'WORKDIR' | 'USER' | 'ARG' | 'LABEL' | 'EXPOSE'; value: string }
export interface Stage {
  name: string
  from: string
  steps: Step[]
}
export interface FinalImage {
  stage: string
  env: Record<string, string>
  workdir: string
  user: string
  volumes: string[]
  cmd?: { op: 'CMD' } & Command
  healthcheck?: { op: 'HEALTHCHECK'; options: Record<string, string | true> } & Command
}
export function parseDockerfile(text: string): Stage[]
export function finalImage(stages: Stage[]): FinalImage
export function dockerignore(text: string): (path: string) => boolean
export function parseEnvFile(text: string): Record<string, string>
