/**
 * @file Runs one scenario in its own process (so peak RSS is the scenario's alone) and prints
 * its figures as one JSON line on stdout.
 */
import { SCENARIOS } from './scenarios/index.js';

const [name, dir, scale] = process.argv.slice(2);
const scenario = SCENARIOS[name as string];
if (!scenario || !dir || !scale) {
  console.error(
    `usage: scenario-child NAME DIR SCALE (names: ${Object.keys(SCENARIOS).join(', ')})`,
  );
  process.exit(2);
}
const figures = await scenario(dir, scale);
process.stdout.write(`FIGURES ${JSON.stringify(figures)}\n`);
