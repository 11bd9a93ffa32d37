import { createHash } from 'node:crypto';
import { z } from 'zod';
import { definePlugin } from '../plugin.js';

const ALGORITHMS = ['sha256', 'sha512', 'sha1', 'md5'] as const;

const input = z.strictObject({
  text: z.string().max(10_000_000),
  algorithm: z.enum(ALGORITHMS).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
});

const output = z.strictObject({
  algorithm: z.enum(ALGORITHMS),
  encoding: z.enum(['hex', 'base64']),
  digest: z.string().min(1),
  bytes: z.number().int(),
});

/** Digests UTF-8 text with a chosen algorithm: content fingerprints, cache keys, integrity checks. */
export const hashTextPlugin = definePlugin({
  name: 'hash-text',
  version: '1.0.0',
  description: 'Computes a sha256/sha512/sha1/md5 digest of UTF-8 text, in hex or base64.',
  inputSchema: input,
  outputSchema: output,
  timeoutMs: 5_000,
  run({ text, algorithm, encoding }) {
    const data = Buffer.from(text, 'utf8');
    return { algorithm, encoding, digest: createHash(algorithm).update(data).digest(encoding), bytes: data.byteLength };
  },
});
