// The shared PDF tool: fonts, pdfkit helpers and the tagged plain-document renderer.
export { renderDocumentPdf, type Block, type DocumentPdf, type Span } from './document.ts';
export { chooseFonts, systemFonts, textCleaner, type FontChoice, type FontOption, type FontWeight } from './fonts.ts';
export { collect, escapeXmpMetadata, fitWidth, pdfLang, registerFonts } from './kit.ts';
