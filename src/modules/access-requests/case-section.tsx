import { AccessRequestsSection } from '../../../views/access-requests/CaseSection.tsx';
import type { Database } from '../../db/index.ts';
import { viewContext } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import type { CasePageSection } from '../cases/index.ts';
import { requestsForCase } from './service.ts';

/**
 * The case page's section: on an AKT case, its request; on a case asked about, "Aktindsigt i
 * denne sag" with the requests whose AKT case the reader may see.
 */
export function accessRequestsSection(database: Database): CasePageSection {
  return async (c, loaded) => {
    const user = c.get('user')!;
    if (!can(user, 'accessRequests.view')) return null;
    const items = await requestsForCase(database, user, loaded.row.id);
    return <AccessRequestsSection v={viewContext(c)} items={items} />;
  };
}
