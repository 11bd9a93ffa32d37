import type { Plugin } from '../plugin.js';
import { hangingPlugin } from './hanging.js';
import { invalidOutputPlugin } from './invalid-output.js';
import { nonObjectPlugin } from './non-object.js';
import { sleepingPlugin } from './sleeping.js';
import { throwingPlugin } from './throwing.js';

export { hangingPlugin } from './hanging.js';
export { invalidOutputPlugin } from './invalid-output.js';
export { nonObjectPlugin } from './non-object.js';
export { sleepingPlugin } from './sleeping.js';
export { throwingPlugin } from './throwing.js';

/** Misbehaving plugins for tests; never registered by the production server. */
export function testingPlugins(): Plugin[] {
  return [throwingPlugin, hangingPlugin, nonObjectPlugin, invalidOutputPlugin, sleepingPlugin] as Plugin[];
}
