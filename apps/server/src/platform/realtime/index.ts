export { RealtimeHub, isEphemeral, realtimeHub, setRealtimeHub, type RealtimeListener } from './hub';
export { streamRealtime, type RealtimeItem, type RealtimeStreamOptions } from './sse';
