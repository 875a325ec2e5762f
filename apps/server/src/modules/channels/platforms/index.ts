import type { ChannelType } from '@switchboard/contract/channels';
import type { Credentials } from '../credentials';
import { instagram } from './instagram';
import { messenger } from './messenger';
import { slack } from './slack';
import { telegram } from './telegram';
import type { PlatformAdapter } from './types';
import { whatsapp } from './whatsapp';

const ADAPTERS: Record<ChannelType, PlatformAdapter<any>> = { telegram, whatsapp, slack, messenger, instagram };

export const adapterFor = (type: ChannelType): PlatformAdapter<Credentials> => ADAPTERS[type];
export { PlatformError } from './http';
export type { InboundMessage, WebhookRequest } from './types';
