import { useState } from 'react';
import { errorText, type Translator } from '../lib/i18n';
import type { BoardClient, SendError } from '../lib/useBoard';

interface JoiningSwitchProps {
  board: BoardClient;
  t: Translator;
}

/**
 * The doors: one switch that opens or closes the session to new guests at once (those already
 * in stay). It acts on its own, not through the settings form, since a facilitator closes the
 * doors mid-event with one tap.
 */
export function JoiningSwitch({ board, t }: JoiningSwitchProps) {
  const open = board.state.settings.joiningOpen;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<SendError | null>(null);

  const toggle = async (next: boolean) => {
    setSaving(true);
    setError(null);
    const result = await board.send('board:configure', { joiningOpen: next });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    board.dispatch({ type: 'settings', settings: result.data });
  };

  return (
    <div className="joining-switch" data-open={open}>
      <label className="switch-row">
        <input
          type="checkbox"
          role="switch"
          className="switch"
          data-testid="joining-open"
          checked={open}
          disabled={saving || !board.synced}
          aria-busy={saving}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>
          <span className="switch-title">{t(open ? 'access.joiningOpen' : 'access.joiningClosed')}</span>
          <span className="field-hint">{t('access.joiningHint')}</span>
        </span>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}
