export { channelsModule } from './module';
export { createChannel, deleteChannel, getChannel, listChannels, testChannel, updateChannel } from './manage-channels';
export { channelConnections, channelInbound, channelOutbound, channelThreads } from './schema';
export { assertChannelReplyAllowed } from './reply-window';
