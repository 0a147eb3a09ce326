import { useState } from 'react';
import type { PublicationBody, PublicationKind } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';
import type { PlatformRequest } from './platformApi';

/**
 * "Show on my profile" for one kept idea or proposal: off until the person turns it on. The
 * server decides again whether it may be public (docs/search.md); a refusal is shown beside it.
 */
export function ShowOnProfile({ t, request, kind, code, id, shown }: { t: Translator; request: PlatformRequest; kind: PublicationKind; code: string; id: string; shown: boolean }) {
  const [checked, setChecked] = useState(shown);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestError | null>(null);

  const change = async (next: boolean) => {
    setBusy(true);
    setFailure(null);
    const body: PublicationBody = { kind, code, id, shown: next };
    const result = await request<{ shown: boolean }>('PUT', '/api/account/publications', body);
    setBusy(false);
    if (result.ok) setChecked(result.data.shown);
    else setFailure(result.error);
  };

  return (
    <span className="platform-show-on-profile">
      <label className="platform-toggle">
        <input type="checkbox" checked={checked} disabled={busy} onChange={(e) => void change(e.target.checked)} data-testid={`show-on-profile-${kind}`} />
        <span>{t('platform.kept.showOnProfile')}</span>
      </label>
      {failure && (
        <span className="field-error" role="alert">
          {errorText(t, failure)}
        </span>
      )}
    </span>
  );
}
