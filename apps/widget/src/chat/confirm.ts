import { h } from './dom';
import type { Translate } from './i18n';

export interface PendingAction {
  id: string;
  summary: string;
}

/**
 * What an action the bot asked for will do, with Confirm and Cancel. The summary is the
 * server's filled request, shown as text; the card goes once the visitor has answered.
 */
export function confirmCard(
  action: PendingAction,
  t: Translate,
  decide: (confirm: boolean) => Promise<void>,
): HTMLElement {
  const buttons = [true, false].map((confirm) =>
    h(
      'button',
      {
        type: 'button',
        class: confirm ? 'sb-primary' : 'sb-ghost',
        onclick: () => {
          for (const b of buttons) b.disabled = true;
          decide(confirm).then(
            () => card.remove(),
            () => buttons.forEach((b) => (b.disabled = false)),
          );
        },
      },
      t(confirm ? 'confirm' : 'cancel'),
    ),
  );
  const card = h(
    'div',
    { class: 'sb-act', role: 'group', 'data-act': action.id },
    h('pre', {}, action.summary),
    h('div', {}, ...buttons),
  );
  return card;
}
