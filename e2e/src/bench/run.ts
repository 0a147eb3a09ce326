/** `pnpm bench`: every benchmark in turn; figures are printed and saved to e2e/bench-results/. */
import { runAttackBench } from './attackBench.js';
import { runBoardBench } from './boardBench.js';
import { runCeremonyBench } from './ceremonyBench.js';
import { runProposalBench } from './proposalBench.js';
import { runScreenBench } from './screenBench.js';

await runBoardBench();
await runScreenBench();
await runCeremonyBench();
await runProposalBench();
await runAttackBench();
