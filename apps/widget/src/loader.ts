/**
 * The widget loader. The chat itself arrives with the widget module (issue: Embeddable
 * widget); until then the loader says so instead of failing silently on the host page.
 */
const script = document.currentScript as HTMLScriptElement | null;
const agent = script?.dataset.agent;
console.warn(
  `[Switchboard] The chat widget is not part of this version yet${agent ? ` (agent ${agent})` : ''}.`,
);
