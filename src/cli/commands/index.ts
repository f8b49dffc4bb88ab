import type { Command } from '../command.ts'
import jwtRotate from './jwt-rotate.ts'
import migrate from './migrate.ts'
import numbersAdd from './numbers-add.ts'
import resellerCreate from './reseller-create.ts'
import resellerList from './reseller-list.ts'
import resellerSettings from './reseller-settings.ts'
import serve from './serve.ts'
import userCreate from './user-create.ts'
import userPassword from './user-password.ts'
import worker from './worker.ts'

/** Every command of `switchboard`, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  serve, worker, migrate, resellerCreate, resellerList, resellerSettings, userCreate, userPassword, numbersAdd, jwtRotate,
] as Command[]
