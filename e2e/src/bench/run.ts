/**
 * `pnpm bench`: every benchmark in turn; figures are printed and saved to e2e/bench-results/.
 * `pnpm bench attack proposal` runs only those named.
 */
import { runAttackBench } from './attackBench.js';
import { runBoardBench } from './boardBench.js';
import { runCeremonyBench } from './ceremonyBench.js';
import { runJoinBench } from './joinBench.js';
import { runLoadBench } from './loadBench.js';
import { runProposalBench } from './proposalBench.js';
import { runQaBench } from './qaBench.js';
import { runPollsBench } from './pollsBench.js';
import { runRestartBench } from './restartBench.js';
import { runScreenBench } from './screenBench.js';
import { runScaleBench } from './scaleBench.js';
import { runSearchBench } from './searchBench.js';

const BENCHES: Record<string, () => Promise<void>> = {
  board: runBoardBench,
  screen: runScreenBench,
  ceremony: runCeremonyBench,
  proposal: runProposalBench,
  attack: runAttackBench,
  restart: runRestartBench,
  join: runJoinBench,
  load: runLoadBench,
  search: runSearchBench,
  qa: runQaBench,
  polls: runPollsBench,
  scale: runScaleBench,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (asked.length === 0 || asked.includes(name)) await run();
}
