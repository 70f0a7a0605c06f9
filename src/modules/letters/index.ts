// The public entry of the letters module: letters from a case through Digital Post (layout rule module-internal-import).
export {
  digitalPostAdminRoutes,
  letterRoutes,
  lettersHomeSection,
  lettersSection,
  letterStatusSection,
  letterTemplateRoutes,
} from './routes.tsx';
export {
  composeLetter,
  letterOfDocument,
  notifyFailedLetter,
  sendLetter,
  type LetterInput,
  type LetterListItem,
  type LetterSender,
} from './letters.ts';
export {
  dispatchLetter,
  organisation,
  prepareLetter,
  SENDER_CVR_SETTING,
  type DispatchedLetter,
  type LetterToSend,
  type PreparedLetter,
  type PrepareError,
} from './dispatch.ts';
