import type { Translator } from '../lib/i18n';

interface PhotoConsentProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  t: Translator;
}

/**
 * The explicit yes a photo needs before it leaves the phone: the camera button stays disabled
 * until it is ticked, and the upload says `consent=yes` (the server refuses it otherwise).
 */
export function PhotoConsent({ id, checked, onChange, disabled = false, t }: PhotoConsentProps) {
  return (
    <label className="photo-consent-check" htmlFor={id} data-checked={checked}>
      <input
        id={id}
        type="checkbox"
        data-testid="photo-consent"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{t('photo.consentCheck')}</span>
    </label>
  );
}
