import { z } from 'zod';
import { cloudWordForm, IDEA_STATUSES, PHASES } from './boardModel.js';
import {
  BANNED_WORDS_MAX,
  BANNED_WORD_MAX_CHARS,
  CATEGORIES_MAX,
  CATEGORY_NAME_MAX_CHARS,
  CLUSTER_NAME_MAX_CHARS,
  HIDDEN_WORD_MAX_CHARS,
  IDEA_DETAIL_MAX_CHARS,
  IDEA_TITLE_MAX_CHARS,
  PHASE_TIMER_MAX_SECONDS,
  PROPOSAL_SECTIONS_MAX,
  REACTIONS,
  SECTION_HEADING_MAX_CHARS,
  VOTE_BUDGET_MAX,
} from './limits.js';
import { SECTION_KEY_PATTERN } from './proposalModel.js';
import { blockText, lineText } from './schemas.js';

/** Server-made ids (see server `newId`): base36 time + base64url random. */
export const entityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not an id');

/** Ids phones generate for their submissions: a UUID (crypto.randomUUID) or similar. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a client id');

export const phaseSchema = z.enum(PHASES);
export const ideaStatusSchema = z.enum(IDEA_STATUSES);
export const reactionSchema = z.enum(REACTIONS);

/** `idea:submit` */
export const ideaSubmitSchema = z.strictObject({
  clientId: clientIdSchema,
  title: lineText(IDEA_TITLE_MAX_CHARS),
  detail: blockText(IDEA_DETAIL_MAX_CHARS).optional().default(''),
  category: lineText(CATEGORY_NAME_MAX_CHARS).nullable().optional().default(null),
});
export type IdeaSubmit = z.input<typeof ideaSubmitSchema>;

/** `vote:cast`: sets the caller's votes on one idea (0 withdraws them). */
export const voteCastSchema = z.strictObject({
  ideaId: entityIdSchema,
  count: z.number().int().min(0).max(VOTE_BUDGET_MAX),
});
export type VoteCast = z.input<typeof voteCastSchema>;

/** `reaction:toggle` */
export const reactionToggleSchema = z.strictObject({ ideaId: entityIdSchema, emoji: reactionSchema });
export type ReactionToggle = z.input<typeof reactionToggleSchema>;

/** `board:page` */
export const boardPageSchema = z.strictObject({ after: entityIdSchema.optional() });
export type BoardPageRequest = z.input<typeof boardPageSchema>;

/** `phase:set` (facilitator): the phase and an optional countdown. */
export const phaseSetSchema = z.strictObject({
  phase: phaseSchema,
  timerSeconds: z.number().int().min(1).max(PHASE_TIMER_MAX_SECONDS).nullable().optional().default(null),
});
export type PhaseSet = z.input<typeof phaseSetSchema>;

const uniqueLines = (max: number, count: number) =>
  z
    .array(lineText(max))
    .max(count)
    .transform((items) => [...new Set(items)]);

export const sectionKeySchema = z.string().regex(SECTION_KEY_PATTERN, 'is not a section key');

/** One section of a proposal template. */
export const sectionSpecSchema = z.strictObject({
  key: sectionKeySchema,
  heading: lineText(SECTION_HEADING_MAX_CHARS),
});

/** A proposal template (empty = the default one): sections with distinct keys. */
export const proposalTemplateSchema = z
  .array(sectionSpecSchema)
  .max(PROPOSAL_SECTIONS_MAX)
  .refine((sections) => new Set(sections.map((s) => s.key)).size === sections.length, 'section keys must be distinct');

/** `board:configure` (facilitator): any subset of the settings. */
export const boardSettingsPatchSchema = z
  .strictObject({
    anonymous: z.boolean().optional(),
    preModeration: z.boolean().optional(),
    voteBudget: z.number().int().min(1).max(VOTE_BUDGET_MAX).optional(),
    maxVotesPerIdea: z.number().int().min(1).max(VOTE_BUDGET_MAX).optional(),
    categories: uniqueLines(CATEGORY_NAME_MAX_CHARS, CATEGORIES_MAX).optional(),
    bannedWords: uniqueLines(BANNED_WORD_MAX_CHARS, BANNED_WORDS_MAX).optional(),
    proposalTemplate: proposalTemplateSchema.optional(),
    participantsMayPropose: z.boolean().optional(),
    joiningOpen: z.boolean().optional(),
    hideVotesUntilResults: z.boolean().optional(),
    forbidOwnVotes: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type BoardSettingsPatch = z.input<typeof boardSettingsPatchSchema>;

/**
 * `word:hide` (facilitator): take a word out of the word cloud, or put it back. The word is
 * stored as the cloud spells it (`cloudWordForm`), so `Steel` hides `steel`.
 */
export const wordHideSchema = z.strictObject({
  word: lineText(HIDDEN_WORD_MAX_CHARS).transform(cloudWordForm),
  hidden: z.boolean(),
});
export type WordHide = z.input<typeof wordHideSchema>;

/** `idea:moderate` (facilitator). `delete` is undone by `restore`. */
export const MODERATION_ACTIONS = ['approve', 'hide', 'pin', 'unpin', 'delete', 'restore'] as const;
export const ideaModerateSchema = z.strictObject({
  ideaId: entityIdSchema,
  action: z.enum(MODERATION_ACTIONS),
});
export type IdeaModerate = z.input<typeof ideaModerateSchema>;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** `idea:edit` (facilitator): fix typos or re-file an idea. */
export const ideaEditSchema = z
  .strictObject({
    ideaId: entityIdSchema,
    title: lineText(IDEA_TITLE_MAX_CHARS).optional(),
    detail: blockText(IDEA_DETAIL_MAX_CHARS).optional(),
    category: lineText(CATEGORY_NAME_MAX_CHARS).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, 'nothing to change');
export type IdeaEdit = z.input<typeof ideaEditSchema>;

/** `idea:merge` (facilitator): the source disappears into the target; votes and authors combine. */
export const ideaMergeSchema = z
  .strictObject({ sourceId: entityIdSchema, targetId: entityIdSchema })
  .refine((v) => v.sourceId !== v.targetId, 'an idea cannot be merged into itself');
export type IdeaMerge = z.input<typeof ideaMergeSchema>;

/** `cluster:create` / `cluster:rename` / `cluster:delete` / `idea:cluster` (facilitator). */
export const clusterCreateSchema = z.strictObject({ name: lineText(CLUSTER_NAME_MAX_CHARS) });
export const clusterRenameSchema = z.strictObject({ clusterId: entityIdSchema, name: lineText(CLUSTER_NAME_MAX_CHARS) });
export const clusterDeleteSchema = z.strictObject({ clusterId: entityIdSchema });
export const ideaClusterSchema = z.strictObject({ ideaId: entityIdSchema, clusterId: entityIdSchema.nullable() });
export type ClusterCreate = z.input<typeof clusterCreateSchema>;
export type ClusterRename = z.input<typeof clusterRenameSchema>;
export type ClusterDelete = z.input<typeof clusterDeleteSchema>;
export type IdeaCluster = z.input<typeof ideaClusterSchema>;

/** `participant:remove` (facilitator): disconnects them; their token stops working. */
export const participantRemoveSchema = z.strictObject({ participantId: entityIdSchema });
export type ParticipantRemove = z.input<typeof participantRemoveSchema>;
