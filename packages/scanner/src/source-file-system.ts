import { Project, type FileSystemHost } from 'ts-morph';

/**
 * Source text as TypeScript's own `ts.sys.readFile` decodes it: UTF-16 BE/LE and UTF-8 byte-order
 * marks are honoured (tsc compiles UTF-16 files; read as UTF-8 they look binary), else UTF-8.
 */
export function decodeSourceText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  return bytes.toString('utf8');
}

/**
 * ts-morph's real file system, with two differences: files are decoded as tsc decodes them, and
 * the files in `emptied` read as empty (TypeScript ran out of stack on them). Errors still come
 * from the real host, so a missing file stays "not found" to ts-morph.
 */
export function sourceFileSystem(emptied: ReadonlySet<string>): FileSystemHost {
  const real = new Project({ skipAddingFilesFromTsConfig: true }).getFileSystem();
  // latin1 maps bytes to characters one to one: the real host reads, we decode.
  const read = (filePath: string, text: string) => (emptied.has(filePath) ? '' : decodeSourceText(Buffer.from(text, 'latin1')));
  const overrides: Partial<FileSystemHost> = {
    readFileSync: (filePath) => read(filePath, real.readFileSync(filePath, 'latin1')),
    readFile: async (filePath) => read(filePath, await real.readFile(filePath, 'latin1')),
  };
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof FileSystemHost];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
