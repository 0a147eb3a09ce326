import { useEffect, useState } from 'react';
import type { DeadlinePublic, Language } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';

/** The deadline as its poster meant it: in its own zone, with the zone's name. */
export function deadlineInZone(language: Language, deadline: DeadlinePublic): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: deadline.timeZone }).format(new Date(deadline.at));
}

/** Time left until the deadline, in days and hours (or hours and minutes on the last day). */
export function timeLeft(t: Translator, deadline: DeadlinePublic, now: number): string {
  const ms = Date.parse(deadline.at) - now;
  if (ms <= 0) return t('challenge.deadline.passed');
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? t('challenge.deadline.left', { days, hours }) : t('challenge.deadline.hoursLeft', { hours, minutes: minutes % 60 });
}

/** The current time, renewed every `everyMs` (a countdown in minutes needs no faster clock). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
