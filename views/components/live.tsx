/**
 * An out-of-band update of the layout's polite live region (#live), so that a partial swap is
 * announced to screen-reader users ("12 results shown").
 */
export function LiveAnnouncement({ text }: { text: string }) {
  return (
    <div id="live" hx-swap-oob="innerHTML">
      {text}
    </div>
  );
}
