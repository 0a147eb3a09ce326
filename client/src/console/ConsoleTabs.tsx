import type { MessageKey } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';

export const CONSOLE_SECTIONS = ['participants', 'ceremony', 'board', 'qa', 'polls', 'results', 'settings'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

const LABELS: Record<ConsoleSection, MessageKey> = {
  participants: 'console.tab.participants',
  ceremony: 'console.tab.ceremony',
  board: 'console.tab.board',
  qa: 'qa.tab.qa',
  polls: 'poll.tab',
  results: 'console.tab.results',
  settings: 'console.tab.settings',
};

/** The element id of a console section. */
export const sectionId = (section: ConsoleSection) => `section-${section}`;

interface ConsoleTabsProps {
  /** The section being looked at (scroll-spy). */
  active: ConsoleSection;
  onJump: (section: ConsoleSection) => void;
  /** Shown on Board: ideas waiting for approval. */
  queueCount: number;
  /** Shown on Q&A: questions waiting for approval. */
  qaQueueCount?: number;
  participantCount: number;
  t: Translator;
}

/**
 * The console's sections, always in reach: every section stays on the page (the facilitator
 * sees participants, ideas and results live without switching), the bar jumps between them.
 */
export function ConsoleTabs({ active, onJump, queueCount, qaQueueCount = 0, participantCount, t }: ConsoleTabsProps) {
  return (
    <nav className="console-tabs" aria-label={t('console.sections')}>
      {CONSOLE_SECTIONS.map((section) => (
        <a
          key={section}
          href={`#${sectionId(section)}`}
          className="console-tab"
          data-testid={`tab-${section}`}
          aria-current={active === section ? 'true' : undefined}
          onClick={(e) => {
            e.preventDefault();
            onJump(section);
          }}
        >
          {t(LABELS[section])}
          {section === 'participants' && <span className="tab-count">{participantCount}</span>}
          {section === 'qa' && qaQueueCount > 0 && (
            <span className="tab-count tab-count-alert" data-testid="qa-queue-count" title={t('qa.console.queue')}>
              {qaQueueCount}
            </span>
          )}
          {section === 'board' && queueCount > 0 && (
            <span className="tab-count tab-count-alert" data-testid="queue-count" title={t('board.queueHeading')}>
              {queueCount}
            </span>
          )}
        </a>
      ))}
    </nav>
  );
}
