import { metaPageAdapter } from './meta-pages';

/** Messenger's limit for one text message. */
export const MESSENGER_MAX_TEXT = 2000;

/** Facebook Messenger: a Page's conversations (webhook `object: "page"`), with "typing…". */
export const messenger = metaPageAdapter({
  type: 'messenger',
  label: 'Messenger',
  object: 'page',
  maxText: MESSENGER_MAX_TEXT,
  typing: true,
});
