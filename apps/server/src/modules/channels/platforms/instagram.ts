import { metaPageAdapter } from './meta-pages';

/** Instagram's limit for one text message. */
export const INSTAGRAM_MAX_TEXT = 1000;

/** Instagram Direct of the professional account linked to a Facebook Page (webhook `object: "instagram"`). */
export const instagram = metaPageAdapter({
  type: 'instagram',
  label: 'Instagram',
  object: 'instagram',
  maxText: INSTAGRAM_MAX_TEXT,
  typing: false,
});
