import type { WidgetApi } from './api';
import { h } from './dom';

/**
 * Draws a `[📎 name](attachment:fil_…)` reference: the file is fetched with the visitor token
 * (the server gives it only to its own conversation) and shown as an image or a download.
 */
export function attachmentRenderer(api: WidgetApi): (id: string, name: string) => Node {
  // Fetched once per attachment, however often its message is redrawn.
  const files = new Map<string, Promise<{ url: string; image: boolean }>>();
  return (id, name) => {
    const chip = h('span', { class: 'sb-att' }, `📎 ${name}`);
    if (!files.has(id))
      files.set(
        id,
        api
          .attachment(id)
          .then((blob) => ({ url: URL.createObjectURL(blob), image: /^image\/(png|jpeg|gif|webp)$/.test(blob.type) })),
      );
    files
      .get(id)!
      .then(({ url, image }) =>
        chip.replaceWith(
          h(
            'a',
            { class: 'sb-att', href: url, download: name, target: '_blank', rel: 'noopener' },
            image ? h('img', { src: url, alt: name }) : `📎 ${name}`,
          ),
        ),
      )
      .catch(() => files.delete(id));
    return chip;
  };
}
