export { channelsModule } from './module';
export { createChannel, deleteChannel, getChannel, listChannels, testChannel, updateChannel } from './manage-channels';
export { channelConnections, channelInbound, channelOutbound, channelThreads } from './schema';
export { assertChannelReplyAllowed } from './reply-window';
export { sealCredentials } from './credentials';
export { listChannelTemplates, prepareTemplateReply, queueTemplateInTx } from './templates';
export { channelDeliveryOf } from './delivery';
