import picomatch from 'picomatch';
import { z } from 'zod';

/** picomatch refuses longer patterns (its MAX_LENGTH); say so in the config, not in a stack trace. */
export const MAX_GLOB_LENGTH = 65_536;

/** The reason picomatch cannot compile `glob`, or undefined when it can. */
function globProblem(glob: string): string | undefined {
  try {
    picomatch(glob.replace(/\\/g, '/'), { dot: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A glob (relative to the config file) that is checked to compile when the config is read. */
export const globSchema = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH, { message: `a glob may be at most ${MAX_GLOB_LENGTH} characters long` })
  .superRefine((glob, issues) => {
    if (glob.length > MAX_GLOB_LENGTH) return;
    const problem = globProblem(glob);
    if (problem !== undefined) issues.addIssue({ code: 'custom', message: `not a usable glob: ${problem}` });
  });
