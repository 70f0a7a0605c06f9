/**
 * Minutes of a meeting, mounted at /meetings (`/meetings/:id/minutes…`): attendance, conflicts
 * of interest, decisions, minority statements, the approval round and the decisions written back
 * to their cases. The members approve in the reader, which calls `approveMinutes`.
 */
export { minutesRoutes } from './routes.tsx';
export {
  approveMinutes,
  loadMeeting,
  writeBackDecisions,
  type EditorItem,
  type MeetingRow,
  type MinutesState,
} from './minutes.ts';
