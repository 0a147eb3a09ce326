/** `node --import tsx e2e/src/bench/attack.ts`: the attack benchmark alone (also part of `pnpm bench`). */
import { runAttackBench } from './attackBench.js';

await runAttackBench();
