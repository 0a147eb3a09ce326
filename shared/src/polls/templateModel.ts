import type { BoardSettings } from '../boardModel.js';
import type { Language } from '../languages.js';
import type { QaSettings } from '../qa/qaModel.js';
import type { PollPublic } from './pollModel.js';

/** A poll as a template keeps it: what the facilitator prepared, nothing of a run. */
export type TemplatePoll = Pick<PollPublic, 'kind' | 'question' | 'options' | 'multiple' | 'scaleMax' | 'correctOptionId' | 'durationSeconds' | 'resultMode'>;

/**
 * What a session template (or a duplicated session) carries: the session's title, description,
 * language and venue names, the board's settings, the Q&A's settings and tracks (each tied to a
 * venue by its place in `venues`), and the polls prepared. Never participants, ideas, votes,
 * questions or answers.
 */
export interface SessionTemplateContent {
  title: string;
  description: string;
  language: Language;
  venues: string[];
  settings: BoardSettings;
  /** `main`: the session's main track (renamed); the others are added. */
  qa: { settings: QaSettings | null; tracks: { name: string; venueIndex: number | null; main?: boolean }[] };
  polls: TemplatePoll[];
}

/** A saved template as its owner's list shows it. */
export interface SessionTemplatePublic {
  id: string;
  name: string;
  createdAt: string;
  title: string;
  language: Language;
  venues: string[];
  polls: number;
  tracks: number;
}
