import { useEffect, useState } from 'react';
import { CONSOLE_SECTIONS, sectionId, type ConsoleSection } from './ConsoleTabs';

/** How far below the top of the window a section counts as reached (under the sticky bars). */
const REACHED_PX = 180;

/** Scroll-spy: the last section whose top has scrolled up to the sticky bars. */
export function useActiveSection(): ConsoleSection {
  const [active, setActive] = useState<ConsoleSection>('participants');

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let current: ConsoleSection = 'participants';
      for (const section of CONSOLE_SECTIONS) {
        const element = document.getElementById(sectionId(section));
        if (element && element.getBoundingClientRect().top <= REACHED_PX) current = section;
      }
      // At the very bottom the last section may be too short to reach the top.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        current = CONSOLE_SECTIONS[CONSOLE_SECTIONS.length - 1] ?? current;
      }
      setActive(current);
    };
    const onScroll = () => {
      if (frame === 0) frame = window.requestAnimationFrame(update);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    onScroll();
    return () => {
      window.cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, []);

  return active;
}

/** Scrolls a section to just under the sticky bars. */
export function jumpToSection(section: ConsoleSection, behavior: ScrollBehavior = 'smooth'): void {
  document.getElementById(sectionId(section))?.scrollIntoView({ behavior, block: 'start' });
}

/** Whether any part of the section is in the window. */
export function sectionInView(section: ConsoleSection): boolean {
  const element = document.getElementById(sectionId(section));
  if (!element) return false;
  const rect = element.getBoundingClientRect();
  return rect.bottom > REACHED_PX && rect.top < window.innerHeight;
}
