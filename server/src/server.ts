import { type Server as HttpServer, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lanAddress } from './config.js';
import { createApp } from './http/createApp.js';
import type { Links } from './presenters.js';
import { createRealtime } from './realtime/createRealtime.js';
import type { IoServer } from './realtime/types.js';
import { BOARD_BROADCAST_INTERVAL_MS, HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, RECOVERY_SESSIONS_MAX } from '@ideasphere/shared';
import { limitConnectionsPerAddress } from './http/connectionLimits.js';
import { type Log, silentLog } from './logger.js';
import { CatchUpService } from './services/CatchUpService.js';
import { CeremonyService } from './services/CeremonyService.js';
import { CodeGuesses } from './services/CodeGuesses.js';
import { Broadcasts } from './realtime/Broadcasts.js';
import { ParticipantService } from './services/ParticipantService.js';
import { BoardBroadcaster } from './services/board/BoardBroadcaster.js';
import { BoardService } from './services/board/BoardService.js';
import { IdeaPresenter } from './services/board/IdeaPresenter.js';
import { IdeaService } from './services/board/IdeaService.js';
import { VotingService } from './services/board/VotingService.js';
import { Presence } from './services/Presence.js';
import { SessionService } from './services/SessionService.js';
import { VenueService } from './services/VenueService.js';
import { QaBroadcaster } from './qa/QaBroadcaster.js';
import { QaService } from './qa/QaService.js';
import { QuestionPresenter } from './qa/QuestionPresenter.js';
import { PollBroadcaster } from './polls/PollBroadcaster.js';
import { PollResultsReader } from './polls/PollResultsReader.js';
import { PollService } from './polls/PollService.js';
import type { Store } from './store/Store.js';
import { createProposals, type ProposalTuning } from './proposals/createProposals.js';
import { AccountService, type SignupPolicy } from './accounts/AccountService.js';
import { LoginLimiter } from './accounts/LoginLimiter.js';
import { PasswordHasher } from './accounts/passwords.js';
import { PlatformService } from './accounts/PlatformService.js';
import { LiveAccountService } from './accounts/LiveAccountService.js';
import { NotificationService } from './accounts/NotificationService.js';
import { ProfileService } from './accounts/ProfileService.js';
import { DEADLINE_SWEEP_INTERVAL_MS, DeadlineReminders } from './responses/DeadlineReminders.js';
import { ResponseAgreements } from './responses/ResponseAgreements.js';
import { IdeaPromotionService } from './responses/IdeaPromotionService.js';
import { ResponseService } from './responses/ResponseService.js';
import { ChallengeSubjectSource } from './review/ChallengeSubjectSource.js';
import { ReviewService } from './review/ReviewService.js';
import { QuestionService } from './challenges/QuestionService.js';
import { ChallengeService } from './challenges/ChallengeService.js';
import { FieldService } from './challenges/FieldService.js';
import { SearchService } from './search/SearchService.js';
import { PublicationService } from './accounts/PublicationService.js';
import { AgreementService } from './agreements/AgreementService.js';
import { PlatformSeal, type SealSource } from './agreements/PlatformSeal.js';
import { PipelineService } from './pipeline/PipelineService.js';
import type { PipelineFacts } from './pipeline/PipelineFacts.js';
import { AudienceVoteService } from './awards/AudienceVoteService.js';
import { AwardResults } from './awards/AwardResults.js';
import { AwardRevealService } from './awards/AwardRevealService.js';
import { AwardService } from './awards/AwardService.js';
import { type JuryResults, reviewJuryResults } from './awards/JuryResults.js';
import { NominationSubjects } from './awards/nominationSubjects.js';
import type { ScaleOut } from './scale/redisConnection.js';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { ClusterBus } from './scale/ClusterBus.js';
import { ClusterPresence } from './scale/ClusterPresence.js';
import { shareSearchChanges } from './scale/clusterSearch.js';
import { JOINS_PER_ADDRESS } from './http/rateLimits.js';
import { type MakeLimiter, memoryLimiters, oneLimiterPerName, redisLimiters } from './scale/rateLimiters.js';

/** How often sessions past their absolute end are deleted from the store. */
const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface ServerOptions {
  store: Store;
  port: number;
  host: string;
  publicUrl: string | null;
  adminToken: string | null;
  trustProxy: number;
  /** Open connections one client address may hold; null or absent = no cap (a proxy in front enforces it). */
  connectionsPerIpMax?: number | null;
  clientDist: string;
  /** The structured log (default: none; `main.ts` passes the configured one). */
  log?: Log;
  /** The clock phase countdowns are judged by (tests move it forward). */
  now?: () => number;
  /** How often board changes are broadcast (tests may shorten it). */
  boardBroadcastIntervalMs?: number;
  /** How often deadline reminders are swept (default DEADLINE_SWEEP_INTERVAL_MS); tests shorten it. */
  deadlineSweepIntervalMs?: number;
  /** Disconnected sockets kept for recovery (default RECOVERY_SESSIONS_MAX; tests lower it). */
  recoverySessionsMax?: number;
  /** How long one HTTP request may take to arrive whole (tests shorten it). */
  httpRequestTimeoutMs?: number;
  /** Proposal document persistence tuning (tests shorten compaction and versions). */
  proposalTuning?: ProposalTuning;
  /** Password hashing (tests may pass cheaper argon2 parameters). */
  passwordHasher?: PasswordHasher;
  /** Who may make a platform account (default `open`). */
  signup?: SignupPolicy;
  /** The agreements' seal certificate (default: one made in memory, for tests). */
  seal?: SealSource;
  /** What the pipeline's gates know of items (tests inject their own; default: review decisions and completed agreements). */
  pipelineFacts?: PipelineFacts;
  /** The jury's scores of award nominations (tests pass a fake). */
  juryResults?: JuryResults;
  /**
   * Redis shared with the deployment's other processes (REDIS_URL); absent, this process is the
   * whole server. The server closes its own connections to it, not this one.
   */
  scaleOut?: ScaleOut | null;
}

export interface RunningServer {
  /** The origin the server listens on (loopback form), e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The origin phones are sent to (PUBLIC_URL or derived). */
  publicUrl: string;
  port: number;
  io: IoServer;
  http: HttpServer;
  /**
   * The one-time link that creates the first platform admin, when none exists at start (also
   * logged); null once the platform has an admin.
   */
  setupLink: { url: string; expiresAt: Date } | null;
  /** Stops accepting, closes every socket, then flushes and closes the store. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Most entries the adapter's Redis stream keeps (trimmed approximately); a reconnecting client older than that resyncs from a snapshot. */
export const CLUSTER_STREAM_MAX_LEN = 10_000;

function clusterAdapter(scaleOut: ScaleOut) {
  return createAdapter(scaleOut.redis, {
    streamName: `${scaleOut.keyPrefix}socket.io`,
    channelPrefix: `${scaleOut.keyPrefix}socket.io`,
    sessionKeyPrefix: `${scaleOut.keyPrefix}sio:session:`,
    maxLen: CLUSTER_STREAM_MAX_LEN,
  });
}

/** Starts IdeaSphere on an already opened store. Port 0 picks a free port (tests). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? silentLog();
  let publicUrl = options.publicUrl ?? '';
  const links: Links = { publicUrl: () => publicUrl };
  const scaleOut = options.scaleOut ?? null;
  const bus = scaleOut ? await ClusterBus.open(scaleOut, log) : null;
  const makeLimiter: MakeLimiter = oneLimiterPerName(scaleOut ? redisLimiters(scaleOut.redis, scaleOut.keyPrefix) : memoryLimiters);
  // Participants on other processes go offline with a lost process: told here, once it is noticed.
  const presence = bus
    ? new ClusterPresence(bus, Date.now, (offline) => {
        for (const { sessionId, participantId } of offline) broadcasts.presence(sessionId, { id: participantId, online: false, onlineCount: presence.onlineCount(sessionId) });
      })
    : new Presence();
  const sessions = new SessionService(options.store, links);
  let io: IoServer | null = null;
  const broadcasts = new Broadcasts(() => io);
  const participants = new ParticipantService(options.store, presence, broadcasts);
  const now = options.now ?? Date.now;
  const ceremony = new CeremonyService(options.store, links, broadcasts, now);
  const venues = new VenueService(options.store, links, broadcasts, now);
  const presenter = new IdeaPresenter(options.store);
  const broadcaster = new BoardBroadcaster(broadcasts, options.store, presenter, options.boardBroadcastIntervalMs ?? BOARD_BROADCAST_INTERVAL_MS, log, bus);
  // Built here, filled below once the taxonomy is seeded: idea moderation reaches it from the start.
  const search = new SearchService(options.store, log);
  const ideas = new IdeaService(options.store, presenter, broadcaster, now, (_sessionId, ideaId) => search.publicationChanged('idea', ideaId), makeLimiter);
  const voting = new VotingService(options.store, broadcaster, now);
  const board = new BoardService(options.store, presenter, broadcasts, broadcaster, now);
  const questionPresenter = new QuestionPresenter(options.store);
  const qaBroadcaster = new QaBroadcaster(broadcasts, options.store, questionPresenter, options.boardBroadcastIntervalMs ?? BOARD_BROADCAST_INTERVAL_MS, log, bus !== null);
  const qa = new QaService(options.store, questionPresenter, qaBroadcaster, broadcasts, links, makeLimiter);
  const pollResults = new PollResultsReader(options.store);
  const pollBroadcaster = new PollBroadcaster(broadcasts, options.store, pollResults, presence, options.boardBroadcastIntervalMs ?? BOARD_BROADCAST_INTERVAL_MS, log);
  const polls = new PollService(options.store, pollResults, pollBroadcaster, presence, now, makeLimiter);
  const catchUp = new CatchUpService(options.store, sessions, participants, presence, ceremony, presenter, broadcaster, now);
  // A proposal made in a live session enters its organisation's pipeline by itself when the organisation is clear
  // (PipelineService.proposalCreated); the pipeline is built below, and the hook runs only on requests.
  const proposals = createProposals({
    store: options.store,
    links,
    log,
    now,
    scaleOut,
    ...(options.proposalTuning ? { tuning: options.proposalTuning } : {}),
    onProposalCreated: async ({ proposal, ideas, createdBy }) => {
      if (proposal.sessionId === null) return;
      try {
        const outcome = await pipeline.proposalCreated({ proposalId: proposal.id, sessionId: proposal.sessionId, title: proposal.title, ideas, createdBy, at: new Date(now()) });
        if (!outcome.entered) log.info({ sessionId: proposal.sessionId, proposalId: proposal.id, reason: outcome.reason }, 'live-session proposal left out of the pipeline: add it by hand');
      } catch (error) {
        log.error({ err: error, sessionId: proposal.sessionId, proposalId: proposal.id }, 'pipeline entry of a new proposal failed; the proposal stands');
      }
    },
  });
  const codeGuesses = new CodeGuesses(makeLimiter);
  const accounts = new AccountService(options.store.accounts, options.passwordHasher ?? new PasswordHasher(), new LoginLimiter(makeLimiter), links, now, options.signup);
  const platform = new PlatformService(options.store.accounts, accounts, links, now, (accountId) => search.accountChanged(accountId));
  const live = new LiveAccountService(options.store, sessions, broadcasts, links, now);
  const notifications = new NotificationService(options.store.notifications, now);
  const fields = new FieldService(options.store.challenges, now);
  // A new platform starts with the default taxonomy (once: later starts leave it to the admins).
  await fields.seedDefaults();
  await search.rebuild();
  const searchSharing = bus ? shareSearchChanges(search, bus, log) : null;
  const challenges = new ChallengeService(options.store.challenges, platform, links, now, (challenge) => search.challengeChanged(challenge));
  // The pipeline's gates read review decisions (the review service is built below: the facts are read only on requests).
  const pipelineFacts: PipelineFacts = options.pipelineFacts ?? {
    decisionOf: async (item) => (item.kind === 'response' ? review.decisionOf(item.id) : null),
    agreementCompletedFor: async (item) => item.kind === 'response' && (await options.store.agreements.listAgreementsForResponse(item.id)).some((agreement) => agreement.status === 'completed'),
  };
  const pipeline = new PipelineService(options.store, pipelineFacts, notifications, now);
  const responses = new ResponseService(
    options.store,
    challenges,
    { documents: proposals.documents, url: (id) => proposals.proposals.url(id) },
    notifications,
    now,
    (response, challenge, by) => pipeline.responseSubmitted(response, challenge, by),
    (response) => search.teamChanged(response),
  );
  // Review rounds: one subject source per scope kind (challenges' responses, award categories' nominations). A decision
  // to advance (or award) moves the response into the pipeline's agreement stage.
  const review = new ReviewService({
    store: options.store,
    sources: [new ChallengeSubjectSource(options.store, (proposal, versionId) => responses.versionMarkdown(proposal, versionId)), new NominationSubjects(options.store)],
    notifications,
    now,
    log,
    onDecided: async (event) => {
      if (event.scope.kind === 'challenge') await pipeline.decisionRecorded({ responseId: event.subjectId, decision: event.decision, decidedBy: event.decidedBy, at: event.at });
    },
  });
  const promotions = new IdeaPromotionService(options.store, challenges, responses, now);
  const questions = new QuestionService(options.store.challenges, challenges, platform, notifications, now);
  const profiles = new ProfileService(options.store, (ids) => fields.unusable(ids), now, (profile, subject) => search.profileChanged(profile, subject));
  const publications = new PublicationService(options.store, profiles, now, (kind, itemId) => search.publicationChanged(kind, itemId));
  // A seal kept on disk is loaded (or made) at start, so a bad SEAL_P12_* stops the server early;
  // the in-memory one of tests is made when first needed.
  const sealSource = options.seal ?? { kind: 'ephemeral' };
  let sealLoading: Promise<PlatformSeal> | null = sealSource.kind === 'ephemeral' ? null : PlatformSeal.load(sealSource);
  if (sealLoading !== null) await sealLoading;
  const seal = () => (sealLoading ??= PlatformSeal.load(sealSource));
  const awardReveal = new AwardRevealService(options.store, broadcasts, now);
  const juryResults: JuryResults = options.juryResults ?? reviewJuryResults(review);
  const awards = new AwardService(options.store, new AudienceVoteService(options.store, board, ideas, now), new AwardResults(juryResults), notifications, now);
  const agreements = new AgreementService(options.store.agreements, options.store.accounts, notifications, seal, links, now, log, new ResponseAgreements(options.store, responses));
  let shuttingDown = false;
  const app = createApp({
    codeGuesses,
    proposals,
    platform: { accounts, platform, live, notifications, profiles, publications, links },
    challenges: { accounts, fields, challenges, questions },
    search: { accounts, search, profiles },
    agreements: { accounts, agreements, makeLimiter },
    pipeline: { accounts, pipeline },
    review: { accounts, review, responses },
    awards: { accounts, awards },
    responses: { accounts, responses, promotions },
    store: options.store,
    sessions,
    participants,
    board,
    qa,
    polls,
    adminToken: options.adminToken,
    makeLimiter,
    clientDist: options.clientDist,
    trustProxy: options.trustProxy,
    isShuttingDown: () => shuttingDown,
    log,
  });
  // Slow requests are cut off: a body trickled over minutes would hold a socket and a buffer.
  const http = createServer({
    requestTimeout: options.httpRequestTimeoutMs ?? HTTP_REQUEST_TIMEOUT_MS,
    headersTimeout: Math.min(HTTP_HEADERS_TIMEOUT_MS, options.httpRequestTimeoutMs ?? HTTP_HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: 1_000,
  }, app);
  const perAddress = options.connectionsPerIpMax ?? null;
  if (perAddress !== null) limitConnectionsPerAddress(http, perAddress, log);
  io = createRealtime(
    http,
    { store: options.store, sessions, participants, presence, board, ideas, voting, ceremony, venues, catchUp, qa, polls, awardReveal, broadcasts, log },
    {
      codeGuesses,
      joinBudget: makeLimiter(JOINS_PER_ADDRESS),
      trustProxy: options.trustProxy,
      recoverySessionsMax: options.recoverySessionsMax ?? RECOVERY_SESSIONS_MAX,
      ...(scaleOut ? { clusterAdapter: clusterAdapter(scaleOut) } : {}),
    },
  );
  proposals.attach(http, [io.path()]);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const loopback = LOOPBACK_HOSTS.has(options.host);
  if (!options.publicUrl) publicUrl = `http://${loopback ? '127.0.0.1' : lanAddress()}:${port}`;
  const url = `http://${options.host === '::1' ? '[::1]' : '127.0.0.1'}:${port}`;

  // Only now is the public URL known, which the setup link is built on.
  const setupLink = await accounts.issueSetupLinkIfNeeded();
  if (setupLink) {
    log.warn(
      { setupUrl: setupLink.url, expiresAt: setupLink.expiresAt.toISOString() },
      'no platform admin yet: open the setup link (once, before it expires) to create the first one',
    );
  }
  const sweep = () => {
    accounts.sweepExpiredSessions().catch((error: unknown) => log.error({ err: error }, 'sweeping expired account sessions failed'));
  };
  sweep();
  const sweeper = setInterval(sweep, SESSION_SWEEP_INTERVAL_MS);
  sweeper.unref();
  const reminders = new DeadlineReminders(options.store, notifications, now, log);
  reminders.start(options.deadlineSweepIntervalMs ?? DEADLINE_SWEEP_INTERVAL_MS);
  if (presence instanceof ClusterPresence) presence.start();

  const realtime = io;
  let closing: Promise<void> | null = null;
  return {
    url,
    publicUrl,
    port,
    io: realtime,
    http,
    setupLink,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        clearInterval(sweeper);
        await reminders.stop();
        await broadcaster.flushNow();
        await qaBroadcaster.flushNow();
        polls.stop();
        await pollBroadcaster.flushNow();
        // Every Yjs connection closes and every loaded document is written before the store closes.
        await proposals.close();
        // io.close() stops the HTTP server from accepting and disconnects every socket.
        await new Promise<void>((resolve) => {
          void realtime.close(() => resolve());
          http.closeAllConnections();
        });
        if (presence instanceof ClusterPresence) presence.stop();
        searchSharing?.stop();
        await bus?.close();
        await options.store.close();
      })();
      return closing;
    },
  };
}
