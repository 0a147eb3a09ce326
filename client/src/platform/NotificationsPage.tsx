import { useState } from 'react';
import type { NotificationPage, NotificationPublic } from '@ideasphere/shared';
import { BellIcon } from '../ui/icons';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import { routeOf } from './platformRoutes';
import { useFetched } from './useFetched';
import { Loading } from './Loading';

interface NotificationsPageProps extends PlatformPageProps {
  /** The count after this page marked some read, for the header's badge. */
  onUnread: (unread: number) => void;
}

/** The notification centre: newest first, unread ones marked; opening one marks it read and follows it. */
export function NotificationsPage({ lang, request, navigate, onUnread }: NotificationsPageProps) {
  const { t, language } = lang;
  const [before, setBefore] = useState<string | null>(null);
  const page = useFetched<NotificationPage>(request, `/api/account/notifications${before ? `?before=${before}` : ''}`);
  const [marking, setMarking] = useState(false);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const result = await request<{ unread: number }>('POST', '/api/account/notifications/read', body);
    if (result.ok) onUnread(result.data.unread);
    return result.ok;
  };

  const open = async (notification: NotificationPublic) => {
    if (notification.readAt === null) await markRead({ ids: [notification.id] });
    navigate(routeOf(notification.link, ''));
  };

  const markAll = async () => {
    setMarking(true);
    if (await markRead({ all: true })) page.reload();
    setMarking(false);
  };

  const data = page.data;
  return (
    <section className="platform-page" data-testid="platform-notifications">
      <header className="platform-page-header platform-page-header-row">
        <h1 className="platform-title">{t('platform.notify.title')}</h1>
        {data && data.unread > 0 && (
          <button type="button" className="button button-secondary button-small" onClick={() => void markAll()} disabled={marking} data-testid="notifications-read-all">
            {t('platform.notify.readAll')}
          </button>
        )}
      </header>
      <div className="card platform-card">
        {data === null ? (
          <Loading t={t} error={page.error} />
        ) : data.notifications.length === 0 ? (
          <p className="platform-empty platform-empty-icon" data-testid="notifications-empty">
            <BellIcon size={28} />
            {t('platform.notify.empty')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="notifications">
            {data.notifications.map((notification) => (
              <li key={notification.id} className="platform-list-item platform-notification" data-unread={notification.readAt === null ? '' : undefined} data-testid="notification">
                <a
                  href={notification.link}
                  onClick={(event) => {
                    event.preventDefault();
                    void open(notification);
                  }}
                >
                  <span dir="auto">{t(`platform.notify.${notification.kind}`, notification.params)}</span>
                  <span className="platform-meta">{formatDateTime(language, notification.createdAt)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        {(data?.next || before) && (
          <div className="platform-actions platform-pager">
            {before && (
              <button type="button" className="button button-ghost button-small" onClick={() => setBefore(null)}>
                {t('platform.notify.newest')}
              </button>
            )}
            {data?.next && (
              <button type="button" className="button button-ghost button-small" onClick={() => setBefore(data.next)} data-testid="notifications-older">
                {t('platform.notify.older')}
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
