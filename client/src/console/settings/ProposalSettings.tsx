import type { Language, SectionSpec } from '@ideasphere/shared';
import { PROPOSAL_SECTIONS_MAX, SECTION_HEADING_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { defaultProposalTemplate } from '@ideasphere/shared/proposalModel.js';
import { cleanLine, hasVisibleText } from '@ideasphere/shared/text.js';
import type { Translator } from '../../lib/i18n';
import { textFieldState } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';

/** A section key not used yet (`[a-z0-9-]`, distinct within the template). */
export function freshSectionKey(sections: readonly SectionSpec[]): string {
  const used = new Set(sections.map((s) => s.key));
  for (let n = sections.length + 1; ; n++) {
    const key = `section-${n}`;
    if (!used.has(key)) return key;
  }
}

/** The template as saved: headings cleaned as the server cleans them, blank ones (nothing visible) dropped. */
export function cleanTemplate(sections: readonly SectionSpec[]): SectionSpec[] {
  return sections.map((s) => ({ key: s.key, heading: cleanLine(s.heading) })).filter((s) => hasVisibleText(s.heading));
}

/** Whether a heading is longer than SECTION_HEADING_MAX_CHARS: the template cannot be saved then. */
export function headingTooLong(section: SectionSpec): boolean {
  return textFieldState(section.heading, SECTION_HEADING_MAX_CHARS).check.problem === 'too_long';
}

interface ProposalSettingsProps {
  template: readonly SectionSpec[];
  mayPropose: boolean;
  onChange: (patch: { proposalTemplate?: SectionSpec[]; participantsMayPropose?: boolean }) => void;
  t: Translator;
}

/** Settings of proposals: who may start one, and the sections a new one starts with. */
export function ProposalSettings({ template, mayPropose, onChange, t }: ProposalSettingsProps) {
  const full = template.length >= PROPOSAL_SECTIONS_MAX;
  // The facilitator's UI language: the default headings they would expect to start from.
  const language: Language = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
  const set = (sections: SectionSpec[]) => onChange({ proposalTemplate: sections });

  return (
    <fieldset className="settings-group" data-testid="settings-proposals">
      <legend className="settings-legend">{t('settings.proposals')}</legend>
      <label className="switch-row">
        <input
          type="checkbox"
          role="switch"
          className="switch"
          data-testid="settings-participants-may-propose"
          checked={mayPropose}
          onChange={(e) => onChange({ participantsMayPropose: e.target.checked })}
        />
        <span>
          <span className="switch-title">{t('settings.participantsMayPropose')}</span>
          <span className="field-hint">{t('settings.participantsMayProposeHint')}</span>
        </span>
      </label>
      <p className="field-label">{t('settings.proposalTemplate')}</p>
      <p className="field-hint">{t('settings.proposalTemplateHint')}</p>
      <ol className="template-sections" data-testid="settings-template">
        {template.map((section, index) => {
          const heading = { ...textFieldState(section.heading, SECTION_HEADING_MAX_CHARS), max: SECTION_HEADING_MAX_CHARS };
          const noteId = `settings-heading-${section.key}-error`;
          return (
            <li key={section.key} className="template-section">
              <input
                className="input input-small"
                value={section.heading}
                dir="auto"
                {...textFieldAria(heading, noteId)}
                placeholder={t('settings.sectionHeadingPlaceholder')}
                aria-label={`${t('settings.proposalTemplate')} ${index + 1}`}
                data-testid="settings-template-heading"
                onChange={(e) => set(template.map((s) => (s.key === section.key ? { ...s, heading: e.target.value } : s)))}
              />
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t('settings.removeSection', { name: section.heading || String(index + 1) })}
                onClick={() => set(template.filter((s) => s.key !== section.key))}
              >
                ×
              </button>
              <CharCounter field={heading} />
              <TextFieldNote field={heading} id={noteId} t={t} />
            </li>
          );
        })}
      </ol>
      <div className="template-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={full}
          data-testid="settings-template-add"
          onClick={() => set([...template, { key: freshSectionKey(template), heading: '' }])}
        >
          {full ? t('settings.sectionsFull', { max: PROPOSAL_SECTIONS_MAX }) : t('settings.addSection')}
        </button>
        {template.length === 0 && (
          <button type="button" className="button button-ghost button-small" onClick={() => set(defaultProposalTemplate(language))} data-testid="settings-template-default">
            {t('settings.useDefaultTemplate')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
