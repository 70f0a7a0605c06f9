import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { Action } from '../../src/policy/index.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { PageHeader } from '../components/page.tsx';

export const ADMIN_SECTIONS: Array<{ href: string; title: MessageKey; desc: MessageKey; action: Action }> = [
  { href: '/admin/users', title: 'admin.users', desc: 'admin.users.desc', action: 'users.view' },
  { href: '/admin/import', title: 'dirimport.title', desc: 'dirimport.admin.desc', action: 'users.import' },
  { href: '/admin/org', title: 'orgAdmin.title', desc: 'orgAdmin.desc', action: 'org.manage' },
  { href: '/admin/audit', title: 'admin.audit', desc: 'admin.audit.desc', action: 'audit.view' },
  { href: '/admin/jobs', title: 'admin.jobs', desc: 'admin.jobs.desc', action: 'jobs.view' },
  { href: '/admin/settings', title: 'admin.settings', desc: 'admin.settings.desc', action: 'settings.manage' },
  {
    href: '/admin/email-templates',
    title: 'mailTemplates.title',
    desc: 'admin.emailTemplates.desc',
    action: 'settings.manage',
  },
  { href: '/admin/sso', title: 'sso.title', desc: 'sso.admin.desc', action: 'sso.manage' },
  { href: '/admin/kle', title: 'kle.title', desc: 'kle.admin.desc', action: 'admin.view' },
  { href: '/meetings/committees', title: 'admin.committees', desc: 'admin.committees.desc', action: 'meetings.manage' },
  {
    href: '/admin/letter-templates',
    title: 'letters.templates.title',
    desc: 'letters.templates.desc',
    action: 'letters.manageTemplates',
  },
  {
    href: '/admin/digital-post',
    title: 'letters.outbox.title',
    desc: 'letters.outbox.desc',
    action: 'digitalPost.manage',
  },
  { href: '/admin/legal-bases', title: 'akt.bases.title', desc: 'akt.bases.desc', action: 'legalBases.manage' },
  {
    href: '/admin/records/archive',
    title: 'records.archive.title',
    desc: 'records.archive.desc',
    action: 'records.view',
  },
  {
    href: '/admin/records/exports',
    title: 'records.export.title',
    desc: 'records.export.desc',
    action: 'records.view',
  },
  {
    href: '/admin/records/disposal',
    title: 'records.disposal.title',
    desc: 'records.disposal.desc',
    action: 'records.view',
  },
  { href: '/admin/records/rules', title: 'records.rules.title', desc: 'records.rules.desc', action: 'records.view' },
  {
    href: '/admin/records/subject-report',
    title: 'records.report.title',
    desc: 'records.report.desc',
    action: 'records.subjectReport',
  },
];

export function AdminHome({ v }: { v: ViewContext }) {
  return (
    <>
      <PageHeader title={v.t('admin.title')} lead={v.t('admin.intro')} />
      <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {ADMIN_SECTIONS.filter((s) => v.can(s.action)).map((s) => (
          <li class="card">
            <a href={s.href} class="text-lg font-semibold">
              {v.t(s.title)}
            </a>
            <p class="mt-1 text-sm text-slate-700">{v.t(s.desc)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Breadcrumb back to the admin overview, above each admin page's heading. */
export function AdminCrumb({ v }: { v: ViewContext }): Child {
  return (
    <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
      <a href="/admin">{v.t('admin.title')}</a>
    </nav>
  );
}
