import type { NavItem } from '../../views/context.ts';

/**
 * The primary navigation. A module adds its entry here when it lands; the layout shows each
 * entry to the users the policy allows (`action`), so nobody is offered a door they cannot open.
 */
export const NAV: NavItem[] = [
  {
    href: '/',
    prefix: ['/', '/news', '/pages', '/people', '/org', '/me'],
    label: 'nav.intranet',
    action: 'intranet.view',
    description: 'home.module.intranet',
  },
  { href: '/cases', prefix: '/cases', label: 'nav.cases', action: 'cases.view', description: 'home.module.cases' },
  {
    href: '/access-requests',
    prefix: '/access-requests',
    label: 'nav.accessRequests',
    action: 'accessRequests.view',
    description: 'home.module.accessRequests',
  },
  {
    href: '/meetings',
    prefix: ['/meetings', '/reader'],
    label: 'nav.meetings',
    action: 'meetings.view',
    description: 'home.module.meetings',
  },
  { href: '/rooms', prefix: '/rooms', label: 'nav.rooms', action: 'rooms.view', description: 'home.module.rooms' },
  { href: '/admin', prefix: '/admin', label: 'nav.admin', action: 'admin.view', description: 'home.module.admin' },
];
