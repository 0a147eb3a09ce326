import type { AnchorHTMLAttributes } from 'react';
import { routeOf, type PlatformRoute } from './platformRoutes';

/** A link that stays inside the platform page for `/platform/…` addresses (other pages load as usual). */
export function PlatformLink({ href, navigate, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; navigate: (route: PlatformRoute) => void }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        if (!href.startsWith('/platform') || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        const url = new URL(href, window.location.origin);
        navigate(routeOf(url.pathname, '', url.search));
      }}
    />
  );
}
