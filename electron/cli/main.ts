/** @file Entry of the `kilocurate` command: parses the sub-command and dispatches. */
export async function main(argv: string[]): Promise<number> {
  console.log(`kilocurate ${argv.join(' ')}`);
  return 0;
}
