import { DEFAULT_MAX_VOTES_PER_IDEA, DEFAULT_VOTE_BUDGET, type REACTIONS } from './limits.js';
import type { SectionSpec } from './proposalModel.js';

/** The phases of a live brainstorm; the server enforces what each one allows. */
export const PHASES = ['collect', 'vote', 'results'] as const;
export type Phase = (typeof PHASES)[number];

export type Reaction = (typeof REACTIONS)[number];

/**
 * Where an idea stands. `pending`: waiting for approval (pre-moderation); `held`: matched a
 * banned word, waiting for review; `hidden`: hidden by the facilitator; `visible`: on the board.
 * Only `visible` ideas reach other participants and screens.
 */
export const IDEA_STATUSES = ['visible', 'pending', 'held', 'hidden'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** The facilitator's settings of a session's board. */
export interface BoardSettings {
  /** Names never leave the server for participants and screens. */
  anonymous: boolean;
  /** New ideas wait for approval before others see them. */
  preModeration: boolean;
  /** Votes ("dots") each participant may spend in the vote phase. */
  voteBudget: number;
  /** Most votes one participant may put on one idea. */
  maxVotesPerIdea: number;
  /** Themes a participant may file an idea under; empty = no themes. */
  categories: string[];
  /** Words (Chinese or English, case-insensitive) that hold an idea for review. */
  bannedWords: string[];
  /** Sections of new proposals; empty = the default template in the session's language. */
  proposalTemplate: SectionSpec[];
  /** Participants may promote ideas to proposals (the facilitator always may). */
  participantsMayPropose: boolean;
  /** New guests may join; when off, only those already in stay (the facilitator closed the doors). */
  joiningOpen: boolean;
  /**
   * Vote counts stay on the server until the results phase: phones and screens get `votes: null`
   * (live counts invite bandwagon voting). The facilitator always sees them.
   */
  hideVotesUntilResults: boolean;
  /** A participant may not vote for an idea they are an author of (submitter, or by a merge). */
  forbidOwnVotes: boolean;
  /**
   * Words the facilitator took out of the word cloud, as the cloud spells them (NFKC, lower
   * case). Changed only through `word:hide`, never by `board:configure`.
   */
  hiddenWords: string[];
}

/**
 * Whether phones and screens are kept from vote counts now: with `hideVotesUntilResults`, until
 * the phase is `results`. The server decides what it sends with this; clients use it to say why
 * no counts are shown.
 */
export function votesHiddenFromAudience(settings: Pick<BoardSettings, 'hideVotesUntilResults'>, phase: Phase): boolean {
  return settings.hideVotesUntilResults && phase !== 'results';
}

export interface PhaseState {
  phase: Phase;
  /** ISO time the countdown ends (server clock), or null without a timer. */
  endsAt: string | null;
  /**
   * Milliseconds left when the server sent this, or null without a timer. Clients count down
   * from this rather than from `endsAt`, so a phone whose clock is wrong still shows the right
   * time (`localPhase` in the client does the conversion on receipt).
   */
  remainingMs: number | null;
}

export interface IdeaAuthor {
  id: string;
  name: string;
}

/** An idea as a given audience may see it. */
export interface IdeaPublic {
  id: string;
  /** The id the submitting phone generated (makes retries idempotent). */
  clientId: string;
  title: string;
  detail: string;
  category: string | null;
  status: IdeaStatus;
  pinned: boolean;
  clusterId: string | null;
  /** Authors, several after a merge; null where the session is anonymous to this audience. */
  authors: IdeaAuthor[] | null;
  /**
   * Votes on this idea plus on every idea merged into it; null where this audience may not see
   * counts yet (`votesHiddenFromAudience`).
   */
  votes: number | null;
  reactions: Partial<Record<Reaction, number>>;
  createdAt: string;
  /**
   * Only on the author's own copy of an idea the facilitator merged into another (its status is
   * then `hidden`): the idea it went into, so the phone can say where.
   */
  mergedInto?: { id: string; title: string };
}

export interface ClusterPublic {
  id: string;
  name: string;
}

/** A participant's own votes: idea id → votes placed. */
export type Ballot = Record<string, number>;

/** One page of ideas (visible ones for the audience; every live idea for the facilitator). */
export interface IdeaPage {
  ideas: IdeaPublic[];
  nextCursor: string | null;
}

/** `board:snapshot` ack: the whole board state, compact, in one message. */
export interface BoardSnapshot {
  /** The session's version when this was read: the snapshot holds at least every change up to it. */
  version: number;
  phase: PhaseState;
  settings: BoardSettings;
  clusters: ClusterPublic[];
  firstPage: IdeaPage;
  /** The connected participant's own ideas (any status) and ballot; empty for other roles. */
  mine: IdeaPublic[];
  ballot: Ballot;
  /** The participant's reactions: idea id → emoji given. */
  myReactions: Record<string, Reaction[]>;
}

/**
 * `board:delta` broadcast: the board changes of the last broadcast interval. Upserted ideas
 * replace what the client has; removed ones (hidden, deleted, merged, no longer visible to this
 * audience) disappear; tallies update counts without resending ideas.
 */
export interface BoardDelta {
  /**
   * The session's version this brings the client to: it then holds every change up to it. Absent
   * on the author-only deltas (their own ideas off the board), which move no version.
   */
  version?: number;
  ideas: IdeaPublic[];
  removedIdeaIds: string[];
  /** `votes` is null where this audience may not see counts yet; the idea's reactions still come. */
  tallies: Record<string, { votes: number | null; reactions: Partial<Record<Reaction, number>> }>;
  clusters: ClusterPublic[];
  removedClusterIds: string[];
}

/** `vote:cast` ack. */
export interface VoteResult {
  ballot: Ballot;
  remaining: number;
  ideaId: string;
  /** The idea's votes from everyone; null while counts are hidden from participants. */
  ideaVotes: number | null;
}

/** `reaction:toggle` ack. */
export interface ReactionResult {
  ideaId: string;
  mine: Reaction[];
  reactions: Partial<Record<Reaction, number>>;
}

/**
 * `results:get` ack: what the results phase and exports show. While counts are hidden from the
 * asker (`votesHiddenFromAudience`), every `votes` is null and the ranking is in submission
 * order, so neither the numbers nor the order tell how the vote stands.
 */
export interface BoardResults {
  ranking: { id: string; title: string; votes: number | null; clusterId: string | null; authors: IdeaAuthor[] | null }[];
  clusters: { id: string | null; name: string | null; votes: number | null; ideas: number }[];
  participation: {
    participants: number;
    contributors: number;
    voters: number;
    ideas: number;
    votesCast: number;
  };
  /**
   * Words and their weights: how many authors used the word (each author counts once per word),
   * without stop words and without the facilitator's hidden words.
   */
  wordCloud: { word: string; weight: number }[];
}

/**
 * How the word cloud spells a word (and so how a hidden word is stored): NFKC, so full-width
 * letters match their ASCII forms, and lower case.
 */
export function cloudWordForm(word: string): string {
  return word.normalize('NFKC').toLowerCase();
}

/** Settings of a new session's board. */
export function defaultBoardSettings(): BoardSettings {
  return {
    anonymous: false,
    preModeration: false,
    voteBudget: DEFAULT_VOTE_BUDGET,
    maxVotesPerIdea: DEFAULT_MAX_VOTES_PER_IDEA,
    categories: [],
    bannedWords: [],
    proposalTemplate: [],
    participantsMayPropose: false,
    joiningOpen: true,
    hideVotesUntilResults: false,
    forbidOwnVotes: false,
    hiddenWords: [],
  };
}
