import { useMemo, useState } from 'react';
import type { BoardResults } from '@ideasphere/shared';
import { errorText, type Translator } from '../../lib/i18n';
import type { BoardClient, SendError } from '../../lib/useBoard';
import { EyeIcon } from '../../ui/icons';
import { WordCloud } from '../../ui/WordCloud';

interface CloudPanelProps {
  words: BoardResults['wordCloud'];
  board: BoardClient;
  t: Translator;
}

type Notice = { kind: 'done'; word: string; hidden: boolean } | { kind: 'failed'; word: string; error: SendError };

/**
 * The word cloud as the facilitator steers it: a word is hidden everywhere (big screen, phones,
 * exports) with one click, and the hidden ones are listed to be shown again. A hidden word
 * leaves this cloud at once; the server's next results fill the space with the next word.
 */
export function CloudPanel({ words, board, t }: CloudPanelProps) {
  const hiddenWords = board.state.settings.hiddenWords;
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const hidden = useMemo(() => new Set(hiddenWords), [hiddenWords]);
  const shown = useMemo(() => words.filter((w) => !hidden.has(w.word)), [words, hidden]);

  const setHidden = async (word: string, next: boolean) => {
    setBusy(word);
    const result = await board.send('word:hide', { word, hidden: next });
    setBusy(null);
    if (!result.ok) return setNotice({ kind: 'failed', word, error: result.error });
    board.dispatch({ type: 'settings', settings: result.data });
    setNotice({ kind: 'done', word, hidden: next });
  };

  return (
    <>
      {shown.length === 0 ? (
        <p className="field-hint">{t('results.noWords')}</p>
      ) : (
        <>
          <p className="field-hint no-print">{t('results.cloudHint')}</p>
          <WordCloud
            words={shown}
            className="results-cloud"
            testId="word-cloud"
            label={t('results.wordCloud')}
            onPick={(word) => void setHidden(word, true)}
            pickLabel={(word) => t('results.hideWord', { word })}
          />
        </>
      )}
      {notice && (
        <p
          className={notice.kind === 'failed' ? 'field-error no-print' : 'cloud-notice no-print'}
          role={notice.kind === 'failed' ? 'alert' : 'status'}
          data-testid="cloud-notice"
        >
          {notice.kind === 'failed'
            ? errorText(t, notice.error)
            : t(notice.hidden ? 'results.wordHidden' : 'results.wordShown', { word: notice.word })}
          {notice.kind === 'done' && (
            <button type="button" className="button button-ghost button-small" disabled={busy !== null} onClick={() => void setHidden(notice.word, !notice.hidden)}>
              {t('results.undo')}
            </button>
          )}
        </p>
      )}
      {hiddenWords.length > 0 && (
        <div className="hidden-words no-print">
          <h4 className="hidden-words-heading">{t('results.hiddenWords')}</h4>
          <ul className="hidden-words-list" data-testid="hidden-words">
            {hiddenWords.map((word) => (
              <li key={word}>
                <button
                  type="button"
                  className="hidden-word"
                  data-word={word}
                  disabled={busy === word}
                  aria-label={t('results.showWord', { word })}
                  title={t('results.showWord', { word })}
                  onClick={() => void setHidden(word, false)}
                >
                  <span className="hidden-word-text">{word}</span>
                  <EyeIcon size={14} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
