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
  SENDER_CVR_SETTING,
  sendLetter,
  type LetterInput,
  type LetterSender,
} from './letters.ts';
