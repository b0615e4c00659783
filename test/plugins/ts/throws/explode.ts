// A helper whose only job is to fail at a line the test knows.
export function explode(where: string): never {
  throw new Error(`exploded in ${where}`);
}
