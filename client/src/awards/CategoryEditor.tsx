import { useId, useState } from 'react';
import type { AwardCategoryPatchBody, AwardCategoryPublic, AwardCriterion } from '@ideasphere/shared';
import type { PlatformPageProps } from '../platform/HomePage';
import type { AwardAction } from './useAwardAction';

interface CategoryEditorProps extends Pick<PlatformPageProps, 'lang' | 'request'> {
  programmeId: string;
  category: AwardCategoryPublic;
  action: AwardAction;
}

/** Names in both languages, description, number of winners and the jury's weighted criteria; folded away until opened. */
export function CategoryEditor({ lang, request, programmeId, category, action }: CategoryEditorProps) {
  const { t } = lang;
  const ids = useId();
  const [nameZh, setNameZh] = useState(category.name.zh);
  const [nameEn, setNameEn] = useState(category.name.en);
  const [description, setDescription] = useState(category.description);
  const [winnersCount, setWinnersCount] = useState(String(category.winnersCount));
  const [criteria, setCriteria] = useState<AwardCriterion[]>(category.criteria);
  const total = criteria.reduce((sum, c) => sum + (Number.isFinite(c.weight) ? c.weight : 0), 0);
  const key = `${category.id}:edit`;
  const change = (index: number, patch: Partial<AwardCriterion>) => setCriteria((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  return (
    <details className="award-editor">
      <summary data-testid="category-edit">{t('award.category.edit')}</summary>
      <form
        className="platform-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body: AwardCategoryPatchBody = { nameZh, nameEn, description, winnersCount: Number(winnersCount), criteria };
          void action.run(key, () => request('PATCH', `/api/awards/${programmeId}/categories/${category.id}`, body));
        }}
      >
        <div className="award-form-row">
          <div className="field award-grow">
            <label className="field-label" htmlFor={`${ids}-zh`}>
              {t('award.category.nameZh')}
            </label>
            <input id={`${ids}-zh`} className="input" lang="zh-CN" value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
          </div>
          <div className="field award-grow">
            <label className="field-label" htmlFor={`${ids}-en`}>
              {t('award.category.nameEn')}
            </label>
            <input id={`${ids}-en`} className="input" lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          </div>
          <div className="field award-narrow">
            <label className="field-label" htmlFor={`${ids}-winners`}>
              {t('award.category.winners')}
            </label>
            <input id={`${ids}-winners`} className="input" type="number" min={1} max={10} inputMode="numeric" value={winnersCount} onChange={(e) => setWinnersCount(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-description`}>
            {t('award.category.description')}
          </label>
          <textarea id={`${ids}-description`} className="input textarea" dir="auto" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <fieldset className="field">
          <legend className="field-label">
            {t('award.category.criteria')} · <span data-total={total}>{t('award.category.weightsTotal', { total })}</span>
          </legend>
          {criteria.map((criterion, index) => (
            <div key={criterion.id} className="award-form-row award-criterion">
              <input className="input award-grow" aria-label={t('award.category.criterionName')} dir="auto" value={criterion.name} onChange={(e) => change(index, { name: e.target.value })} />
              <input className="input award-narrow" aria-label={t('award.category.criterionWeight')} type="number" min={1} max={100} inputMode="numeric" value={criterion.weight} onChange={(e) => change(index, { weight: Number(e.target.value) })} />
              <input className="input award-grow" aria-label={t('award.category.criterionGuidance')} dir="auto" value={criterion.guidance} onChange={(e) => change(index, { guidance: e.target.value })} />
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button button-secondary button-small" disabled={action.busy !== null}>
          {action.busy === key ? t('award.saving') : action.done === key ? t('award.saved') : t('award.category.save')}
        </button>
      </form>
    </details>
  );
}
